package dev.px0.mail;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

/** Email goes out off the request path, is retried, and a message that cannot go is reported, never dropped silently. */
class OutboxTest {

    @Test
    void sendReturnsAtOnceWhileTheMailServerIsSlow() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch delivered = new CountDownLatch(1);
        try (Outbox outbox = new Outbox((to, subject, text) -> {
            release.await();
            delivered.countDown();
        }, List.of())) {
            outbox.send("a@example.com", "subject", "text");
            assertThat("not delivered while the server stalls", delivered.getCount(), is(1L));
            release.countDown();
            assertThat(delivered.await(10, TimeUnit.SECONDS), is(true));
        }
    }

    @Test
    void failedAttemptsAreRetried() throws InterruptedException {
        AtomicInteger attempts = new AtomicInteger();
        CountDownLatch delivered = new CountDownLatch(1);
        try (Outbox outbox = new Outbox((to, subject, text) -> {
            if (attempts.incrementAndGet() < 3) {
                throw new IllegalStateException("mail server down");
            }
            delivered.countDown();
        }, List.of(Duration.ZERO, Duration.ZERO))) {
            outbox.send("a@example.com", "subject", "text");
            assertThat(delivered.await(10, TimeUnit.SECONDS), is(true));
        }
        assertThat(attempts.get(), is(3));
    }

    @Test
    void aMessageThatNeverGoesIsLoggedAsAnErrorWithoutItsBody() {
        List<LogRecord> records = new CopyOnWriteArrayList<>();
        Logger logger = Logger.getLogger(Outbox.class.getName());
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logger.addHandler(handler);
        try {
            try (Outbox outbox = new Outbox((to, subject, text) -> {
                throw new IllegalStateException("mail server down");
            }, List.of(Duration.ZERO))) {
                outbox.send("a@example.com", "Your code", "secret code 123456");
            } // close waits for the attempts in flight
            LogRecord error = records.stream().filter(r -> r.getLevel() == Level.SEVERE).findFirst().orElseThrow();
            assertThat(error.getMessage(), containsString("a@example.com"));
            assertThat(error.getMessage(), containsString("after 2 attempts"));
            records.forEach(r -> assertThat(r.getMessage(), not(containsString("123456"))));
        } finally {
            logger.removeHandler(handler);
        }
    }
}
