package dev.px0.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.function.Function;

import io.helidon.config.Config;

/**
 * One section of px0's configuration, such as {@code px0.database}, as a feature reads its own settings from it
 * ({@code DatabaseSettings.from(config.get("px0.database"))}). A value that is missing or that its parser refuses
 * throws {@link InvalidSettingException} naming the environment variable and the key ({@code PX0_DATABASE_URL
 * (px0.database.url)}), so an operator knows what to fix; the value is shown with any password in it hidden
 * ({@link Secrets}), and a secret's value never. The environment variable of a key is the key upper-cased with its
 * dots turned into underscores, as Helidon maps them ({@code px0.database.url} ↔ {@code PX0_DATABASE_URL}).
 */
public record Section(Config config) {

    /** The key under this section, parsed; {@code expected} says what a valid value looks like. */
    public <T> T read(String key, Function<String, T> parse, String expected) {
        Config node = config.get(key);
        String raw = node.asString().orElseThrow(() -> new InvalidSettingException(name(node) + " is not set"));
        try {
            return parse.apply(raw);
        } catch (RuntimeException e) {
            // a URL may carry a password: never echoed (redis://:p#ss@host is invalid, and shown redacted)
            throw new InvalidSettingException(name(node) + " = '" + Secrets.url(raw) + "' is invalid: expected " + expected);
        }
    }

    /** A key whose value is never shown, whatever it holds. */
    public String secret(String key) {
        Config node = config.get(key);
        return node.asString().orElseThrow(() -> new InvalidSettingException(name(node) + " is not set"));
    }

    /** {@code ENV_NAME (the.key)}, for a message about a key. */
    private static String name(Config node) {
        String key = node.key().toString();
        return key.toUpperCase(Locale.ROOT).replace('.', '_') + " (" + key + ")";
    }

    /** A whole number from {@code min} to {@code max}. */
    public static int intIn(String value, int min, int max) {
        int i = Integer.parseInt(value.trim());
        if (i < min || i > max) {
            throw new IllegalArgumentException();
        }
        return i;
    }

    /** An ISO-8601 duration of at least {@code min}. */
    public static Duration duration(String value, Duration min) {
        Duration d;
        try {
            d = Duration.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(e);
        }
        if (d.compareTo(min) < 0) {
            throw new IllegalArgumentException();
        }
        return d;
    }

    /** An ISO-8601 duration of whole seconds, at least one. */
    public static Duration wholeSeconds(String value) {
        Duration d = duration(value, Duration.ofSeconds(1));
        if (d.getNano() != 0) {
            throw new IllegalArgumentException();
        }
        return d;
    }

    /** {@code true} or {@code false}, in any case. */
    public static boolean bool(String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException();
        };
    }
}
