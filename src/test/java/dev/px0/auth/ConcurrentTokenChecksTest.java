package dev.px0.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.px0.testing.Node;
import dev.px0.testing.Users;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/**
 * Token checks that run at once share Redis round trips (SessionReads pipelines their GETs): each must still get
 * its own user, and a token revoked while others are being checked is refused at once, on another node too.
 */
class ConcurrentTokenChecksTest {

    @Test
    void concurrentChecksEachGetTheirOwnUser() throws Exception {
        try (Node node = Node.start(Map.of());
             ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            Users users = new Users(node.px0());
            List<String> emails = new ArrayList<>();
            List<String> tokens = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String email = users.verified();
                emails.add(email);
                tokens.add(node.api().token(email, Users.PASSWORD));
            }
            List<Future<Boolean>> checks = new ArrayList<>();
            for (int round = 0; round < 50; round++) {
                for (int i = 0; i < tokens.size(); i++) {
                    String token = tokens.get(i);
                    String email = emails.get(i);
                    checks.add(clients.submit(() -> {
                        var reply = node.api().me(token);
                        return reply.status() == 200
                               && reply.json().getJsonObject("user").getString("email").equals(email);
                    }));
                }
            }
            for (Future<Boolean> check : checks) {
                assertThat("every check answered with its own user", check.get(), is(true));
            }
        }
    }

    @Test
    void aTokenRevokedDuringOtherChecksIsRefusedAtOnceOnEveryNode() throws Exception {
        try (Node one = Node.start(Map.of());
             Node two = Node.start(Map.of());
             ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            Users users = new Users(one.px0());
            String busy = one.api().token(users.verified(), Users.PASSWORD);
            String revoked = one.api().token(users.verified(), Users.PASSWORD);
            List<Future<Integer>> load = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                Node node = i % 2 == 0 ? one : two;
                load.add(clients.submit(() -> node.api().me(busy).status()));
            }
            assertThat(two.api().me(revoked).status(), is(200));

            assertThat(one.api().logout(revoked).status(), is(204));

            assertThat(two.api().me(revoked).status(), is(401));
            assertThat(one.api().me(revoked).status(), is(401));
            for (Future<Integer> status : load) {
                assertThat(status.get(), is(200));
            }
        }
    }
}
