package dev.px0.mail;

import java.lang.System.Logger.Level;

import dev.px0.http.LogSafe;

/**
 * Without an SMTP server, px0 writes its emails to the log so {@code scripts/run} works out of the box. This is
 * the only place a verification or reset code may appear in a log; configure {@code PX0_SMTP_HOST} in production.
 */
final class LogMailer implements Mailer {

    private static final System.Logger LOGGER = System.getLogger(LogMailer.class.getName());

    @Override
    public void send(String to, String subject, String text) {
        LOGGER.log(Level.INFO, "No SMTP server configured (PX0_SMTP_HOST): email to " + LogSafe.escape(to)
                + "\nSubject: " + subject
                + "\n\n" + text);
    }
}
