package dev.px0.testing;

import java.util.UUID;

import dev.px0.Px0;
import dev.px0.user.UserStore;

/** Creates test accounts straight in PostgreSQL, each with an email no other test uses. */
public final class Users {

    public static final String PASSWORD = "correct horse battery staple";

    private final Px0 px0;

    public Users(Px0 px0) {
        this.px0 = px0;
    }

    public static String uniqueEmail() {
        return "user-" + UUID.randomUUID() + "@example.com";
    }

    /** A verified, non-admin user with {@link #PASSWORD}; returns its email. */
    public String verified() {
        return create(true);
    }

    /** An unverified user with {@link #PASSWORD}; returns its email. */
    public String unverified() {
        return create(false);
    }

    /** A user with a given stored password hash; returns its email. */
    public String withHash(String passwordHash, boolean verified) {
        String email = uniqueEmail();
        store().createIfAbsent(email, passwordHash, verified, false);
        return email;
    }

    private String create(boolean verified) {
        return withHash(px0.hasher().hash(PASSWORD), verified);
    }

    public UserStore store() {
        return new UserStore(px0.database().client());
    }
}
