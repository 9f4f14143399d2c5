package dev.px0.user;

import java.util.regex.Pattern;

/**
 * Email address syntax px0 accepts: the WHATWG HTML "valid email address" (what browsers check for
 * {@code <input type=email>}), capped at 254 characters (RFC 5321's limit on a forward path).
 * ASCII only; addresses are compared case-insensitively.
 */
public final class EmailAddress {

    public static final int MAX_LENGTH = 254;

    private static final Pattern VALID = Pattern.compile(
            "[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?"
                    + "(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*");

    private EmailAddress() {
    }

    public static boolean isValid(String email) {
        return email.length() <= MAX_LENGTH && VALID.matcher(email).matches();
    }
}
