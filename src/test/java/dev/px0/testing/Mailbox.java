package dev.px0.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/** A real SMTP server (GreenMail) for the tests, and the codes px0 sends through it. */
public final class Mailbox implements AutoCloseable {

    private static final Pattern CODE = Pattern.compile("\\b(\\d{6})\\b");

    private final GreenMail greenMail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());

    public Mailbox() {
        greenMail.start();
    }

    /** Settings that point px0 at this server. */
    public Map<String, String> settings() {
        return Map.of("px0.smtp.host", "127.0.0.1",
                      "px0.smtp.port", Integer.toString(greenMail.getSmtp().getPort()),
                      "px0.smtp.starttls", "false",
                      "px0.smtp.from", "px0 <no-reply@px0.test>");
    }

    /** The messages delivered to this address so far, oldest first. */
    public List<MimeMessage> messagesTo(String email) {
        List<MimeMessage> messages = new ArrayList<>();
        try {
            for (MimeMessage m : greenMail.getReceivedMessages()) {
                for (var recipient : m.getRecipients(Message.RecipientType.TO)) {
                    if (recipient.toString().equalsIgnoreCase(email)) {
                        messages.add(m);
                    }
                }
            }
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
        return messages;
    }

    /** Waits (polling, up to 10 s) for the n-th message to this address and returns the code in it. */
    public String code(String email, int nth) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (Instant.now().isBefore(deadline)) {
            List<MimeMessage> messages = messagesTo(email);
            if (messages.size() >= nth) {
                Matcher m = CODE.matcher(GreenMailUtil.getBody(messages.get(nth - 1)));
                if (!m.find()) {
                    throw new AssertionError("no code in the message to " + email);
                }
                return m.group(1);
            }
            greenMail.waitForIncomingEmail(200, greenMail.getReceivedMessages().length + 1);
        }
        throw new AssertionError("no message number " + nth + " to " + email + " within 10 s");
    }

    /** The code in the first message to this address. */
    public String code(String email) {
        return code(email, 1);
    }

    @Override
    public void close() {
        greenMail.stop();
    }
}
