package dev.px0.mail;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Pattern;

import dev.px0.testing.Node;
import dev.px0.testing.Users;

import io.helidon.http.Method;
import org.junit.jupiter.api.Test;

import static dev.px0.testing.Json.body;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/** Without PX0_SMTP_HOST the code is written to the log, so a local px0 works out of the box. */
class LogMailerTest {

    @Test
    void withoutSmtpTheVerificationCodeGoesToTheLog() throws InterruptedException {
        List<String> messages = new CopyOnWriteArrayList<>();
        Logger logger = Logger.getLogger(LogMailer.class.getName());
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                messages.add(record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logger.addHandler(handler);
        String email = Users.uniqueEmail();
        try (Node node = Node.start(Map.of())) {
            assertThat(node.api().json(Method.POST, "/v1/auth/register", null,
                                       body("email", email, "password", "a long and unusual passphrase")).status(),
                       is(201));
        } finally { // closing the node waits for the outbox
            logger.removeHandler(handler);
        }
        String logged = messages.stream().filter(m -> m.contains(email)).findFirst().orElseThrow();
        assertThat(Pattern.compile("verification code is \\d{6}").matcher(logged).find(), is(true));
    }
}
