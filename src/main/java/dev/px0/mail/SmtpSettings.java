package dev.px0.mail;

import java.util.Optional;
import java.util.function.Function;

import dev.px0.config.Section;

import io.helidon.config.Config;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

/** The SMTP server for verification and reset codes ({@code px0.smtp}); absent: emails go to the log. */
public record SmtpSettings(String host, int port, String username, String password, String from, boolean starttls) {

    /** Reads and checks {@code px0.smtp}: empty when its host is. */
    public static Optional<SmtpSettings> from(Config smtp) {
        Section in = new Section(smtp);
        String host = in.read("host", String::strip, "a host name");
        if (host.isEmpty()) {
            return Optional.empty();
        }
        String from = in.read("from", SmtpSettings::mailbox, "an address such as px0 <no-reply@example.com>");
        return Optional.of(new SmtpSettings(host,
                                            in.read("port", s -> Section.intIn(s, 1, 65_535), "a port number"),
                                            in.read("username", Function.identity(), "a user name"),
                                            in.secret("password"),
                                            from,
                                            in.read("starttls", Section::bool, "true or false")));
    }

    private static String mailbox(String value) {
        try {
            new InternetAddress(value, true);
            return value;
        } catch (AddressException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Override
    public String toString() {
        return "Smtp[host=" + host + ", port=" + port + ", username=" + username + ", password=<hidden>, from="
                + from + ", starttls=" + starttls + "]";
    }
}
