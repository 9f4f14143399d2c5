package dev.px0.mail;

/** Delivers one plain-text email, or throws. */
@FunctionalInterface
interface Mailer {
    void send(String to, String subject, String text) throws Exception;
}
