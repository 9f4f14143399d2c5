package dev.px0.mail;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import dev.px0.http.LogSafe;

import io.opentelemetry.context.Context;

/**
 * Sends emails off the request path: a slow or failing mail server never holds up a request. Each message is
 * tried up to three times with growing pauses; a message that still fails is logged as an error (recipient and
 * subject, never the body, which holds a code), so nothing is lost silently. On shutdown, messages in flight get
 * a bounded time to finish.
 */
public final class Outbox implements AutoCloseable {

    private static final System.Logger LOGGER = System.getLogger(Outbox.class.getName());

    private final Mailer mailer;
    private final List<Duration> pauses;
    private final ExecutorService executor = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("px0-mail-", 0).factory());

    /** Mail over SMTP when {@code smtp} is configured ({@code PX0_SMTP_HOST}), else to the log. */
    public static Outbox create(Optional<SmtpSettings> smtp) {
        return new Outbox(smtp.<Mailer>map(SmtpMailer::new).orElseGet(LogMailer::new));
    }

    Outbox(Mailer mailer) {
        this(mailer, List.of(Duration.ofSeconds(2), Duration.ofSeconds(10)));
    }

    /** With the pauses between attempts (attempts = pauses + 1). */
    Outbox(Mailer mailer, List<Duration> pauses) {
        this.mailer = mailer;
        this.pauses = List.copyOf(pauses);
    }

    /** Queues the message and returns at once. */
    public void send(String to, String subject, String text) {
        // the request's trace goes along: the delivery's log lines carry its trace id
        executor.execute(Context.current().wrap(() -> deliver(to, subject, text)));
    }

    private void deliver(String to, String subject, String text) {
        for (int attempt = 0; ; attempt++) {
            try {
                mailer.send(to, subject, text);
                return;
            } catch (Exception e) {
                if (attempt >= pauses.size()) {
                    LOGGER.log(Level.ERROR, "Could not deliver \"" + subject + "\" to " + LogSafe.escape(to) + " after "
                            + (attempt + 1) + " attempts: " + LogSafe.escape(e.toString()));
                    return;
                }
                LOGGER.log(Level.WARNING, "Delivering \"" + subject + "\" failed, retrying: " + LogSafe.escape(e.toString()));
                try {
                    Thread.sleep(pauses.get(attempt));
                } catch (InterruptedException interrupted) {
                    LOGGER.log(Level.ERROR, "Gave up delivering \"" + subject + "\" to " + LogSafe.escape(to) + " at shutdown");
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(15, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
