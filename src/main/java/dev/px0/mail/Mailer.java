package dev.px0.mail;

/** Delivers one plain-text email, or throws. */
@FunctionalInterface
public interface Mailer {
    void send(String to, String subject, String text) throws Exception;
}
