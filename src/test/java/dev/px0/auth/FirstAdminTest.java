package dev.px0.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.px0.Px0;
import dev.px0.Settings;
import dev.px0.telemetry.Telemetry;
import dev.px0.testing.LogCapture;
import dev.px0.testing.Node;
import dev.px0.testing.TestStores;
import dev.px0.testing.Users;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

/** PX0_ADMIN_EMAIL and PX0_ADMIN_PASSWORD create a verified admin at start-up, once, whatever the number of nodes. */
class FirstAdminTest {

    @Test
    void startUpCreatesAVerifiedAdmin() {
        String email = Users.uniqueEmail();
        try (LogCapture log = new LogCapture(); Node node = Node.start(admin(email, "first admin password"))) {
            JsonObject user = node.api().login(email, "first admin password").json().getJsonObject("user");

            assertThat(user.getString("email"), is(email));
            assertThat(user.getBoolean("is_admin"), is(true));
            assertThat(user.getBoolean("is_verified"), is(true));
            assertThat(log.lines(), hasItem(containsString(
                    "Created the first admin account from PX0_ADMIN_EMAIL and PX0_ADMIN_PASSWORD")));
        }
    }

    @Test
    void theLogSaysWhereTheAdminCameFrom() {
        String email = Users.uniqueEmail();
        String origin = email + " for scripts/run's embedded dev set-up (password in .px0/admin-password)";
        try (LogCapture log = new LogCapture();
             Px0 px0 = Px0.start(TestStores.get().settings(admin(email, "first admin password")),
                                 Telemetry.fromEnvironment(), origin)) {
            assertThat(log.lines(), hasItem(containsString("Created the first admin account " + origin)));
            assertThat(log.lines(), not(hasItem(containsString("PX0_ADMIN_EMAIL"))));
        }
    }

    @Test
    void repeatingStartUpKeepsTheExistingAccount() {
        String email = Users.uniqueEmail();
        try (Node first = Node.start(admin(email, "first admin password"))) {
            String id = first.api().login(email, "first admin password").json().getJsonObject("user").getString("id");

            try (LogCapture log = new LogCapture();
                 Node second = Node.start(admin(email.toUpperCase(), "another password"))) {
                assertThat("nothing created, nothing said", log.lines(),
                           not(hasItem(containsString("Created the first admin account"))));
                assertThat("the password is not reset", second.api().login(email, "another password").status(), is(401));
                JsonObject user = second.api().login(email, "first admin password").json().getJsonObject("user");
                assertThat(user.getString("id"), is(id));
            }
        }
        assertThat(countUsers(email), is(1L));
    }

    @Test
    void severalNodesStartingAtOnceCreateOneAdmin() throws Exception {
        String email = Users.uniqueEmail();
        Settings settings = TestStores.get().settings(admin(email, "first admin password"));
        List<Callable<Px0>> starts = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            starts.add(() -> Px0.start(settings));
        }
        List<Px0> started = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            for (Future<Px0> future : pool.invokeAll(starts)) {
                started.add(future.get());
            }
        } finally {
            started.forEach(Px0::close);
        }
        assertThat(started.size(), is(4));
        assertThat(countUsers(email), is(1L));
    }

    private static Map<String, String> admin(String email, String password) {
        return Map.of("px0.admin.email", email, "px0.admin.password", password);
    }

    private static long countUsers(String email) {
        try (Px0 px0 = Px0.start(TestStores.get().settings(Map.of()))) {
            return px0.database().client().execute()
                    .get("SELECT count(*) AS n FROM users WHERE lower(email) = lower(?)", email)
                    .orElseThrow().column("n").get(Long.class);
        }
    }
}
