package dev.px0.user;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.px0.store.Rows;

import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbRow;

/** Users in PostgreSQL. Emails are unique and matched case-insensitively (a unique index on {@code lower(email)}). */
public final class UserStore {

    private static final String COLUMNS = "id, email, password_hash, is_verified, is_admin, created_at";

    private final DbClient db;

    public UserStore(DbClient db) {
        this.db = db;
    }

    /** A user with the stored password hash, which only the auth service gets to see. */
    public record Credentials(User user, String passwordHash) {
        @Override
        public String toString() {
            return "Credentials[user=" + user + ", passwordHash=<hidden>]";
        }
    }

    public Optional<Credentials> findByEmail(String email) {
        return db.execute()
                .get("SELECT " + COLUMNS + " FROM users WHERE lower(email) = lower(?)", email)
                .map(UserStore::credentials);
    }

    /**
     * Creates the user unless the email is taken (in any letter case). Safe to run from several nodes at once:
     * the unique index decides, and the loser inserts nothing.
     *
     * @return whether a row was inserted
     */
    public boolean createIfAbsent(String email, String passwordHash, boolean verified, boolean admin) {
        long inserted = db.execute().insert(
                "INSERT INTO users (id, email, password_hash, is_verified, is_admin) VALUES (?::uuid, ?, ?, ?, ?) "
                        + "ON CONFLICT ((lower(email))) DO NOTHING",
                UUID.randomUUID().toString(), email, passwordHash, verified, admin);
        return inserted == 1;
    }

    public Optional<Credentials> findById(UUID id) {
        return db.execute()
                .get("SELECT " + COLUMNS + " FROM users WHERE id = ?::uuid", id.toString())
                .map(UserStore::credentials);
    }

    /**
     * Creates a user and returns it, or empty when the email is taken (in any letter case), also when another
     * request took it a moment before.
     */
    public Optional<User> create(String email, String passwordHash, boolean verified, boolean admin) {
        return db.execute()
                .get("INSERT INTO users (id, email, password_hash, is_verified, is_admin) VALUES (?::uuid, ?, ?, ?, ?) "
                             + "ON CONFLICT ((lower(email))) DO NOTHING RETURNING " + COLUMNS,
                     UUID.randomUUID().toString(), email, passwordHash, verified, admin)
                .map(row -> credentials(row).user());
    }

    /** Marks the account of this email verified; false when there is none. */
    public boolean markVerified(String email) {
        return db.execute().update("UPDATE users SET is_verified = true WHERE lower(email) = lower(?)", email) == 1;
    }

    /**
     * Sets a new password hash. {@code verify} also marks the account verified: a reset code that arrived by
     * email proves the address.
     */
    public boolean setPasswordHash(UUID id, String newHash, boolean verify) {
        return db.execute().update("UPDATE users SET password_hash = ?, is_verified = is_verified OR ? "
                                           + "WHERE id = ?::uuid", newHash, verify, id.toString()) == 1;
    }

    public boolean delete(UUID id) {
        return db.execute().delete("DELETE FROM users WHERE id = ?::uuid", id.toString()) == 1;
    }

    /**
     * Deletes the user in one transaction, unless it is the last admin of a project: then nothing changes and the
     * slugs of those projects are returned (sorted). The admin rows of the user's projects are locked first (as
     * the member routes lock them), so a concurrent demotion of the other admin cannot leave a project without one.
     * {@code beforeDelete} runs inside the transaction just before the row is deleted: when it throws, nothing is
     * deleted.
     *
     * @return the projects that would be left without an admin; empty when the user was deleted
     */
    public List<String> deleteUnlessLastAdmin(UUID id, Runnable beforeDelete) {
        String user = id.toString();
        return Rows.inTransaction(db, tx -> {
            Rows.list(tx.query("SELECT m.project_id FROM project_members m WHERE m.role = 'admin' AND m.project_id IN "
                                       + "(SELECT project_id FROM project_members WHERE user_id = ?::uuid AND role = 'admin') "
                                       + "ORDER BY m.project_id, m.user_id FOR UPDATE", user), row -> row);
            List<String> soleAdminOf = Rows.list(
                    tx.query("SELECT p.slug FROM projects p JOIN project_members m ON m.project_id = p.id "
                                     + "WHERE m.user_id = ?::uuid AND m.role = 'admin' AND NOT EXISTS "
                                     + "(SELECT 1 FROM project_members o WHERE o.project_id = p.id AND o.role = 'admin' "
                                     + "AND o.user_id <> ?::uuid) ORDER BY p.slug", user, user),
                    row -> Rows.string(row, "slug"));
            if (soleAdminOf.isEmpty()) {
                beforeDelete.run();
                tx.delete("DELETE FROM users WHERE id = ?::uuid", user);
            }
            return soleAdminOf;
        });
    }

    /** The parameter prefix most stored password hashes have ({@code $scrypt$ln=15,r=8,p=3$}); empty without users. */
    public Optional<String> mostCommonHashParameters() {
        return db.execute()
                .get("SELECT substring(password_hash from '^\\$scrypt\\$[^$]*\\$') AS params, count(*) AS n FROM users "
                             + "GROUP BY 1 ORDER BY n DESC, params LIMIT 1")
                .map(row -> Rows.string(row, "params"));
    }

    public boolean existsByEmail(String email) {
        return db.execute().get("SELECT 1 FROM users WHERE lower(email) = lower(?)", email).isPresent();
    }

    /**
     * Replaces a password hash only if it is still the one read before, so a re-hash never overwrites a
     * password that changed in between.
     */
    public boolean replacePasswordHash(UUID id, String expectedHash, String newHash) {
        return db.execute().update("UPDATE users SET password_hash = ? WHERE id = ?::uuid AND password_hash = ?",
                                   newHash, id.toString(), expectedHash) == 1;
    }

    private static Credentials credentials(DbRow row) {
        User user = new User(row.column("id").get(UUID.class),
                             row.column("email").get(String.class),
                             row.column("is_verified").get(Boolean.class),
                             row.column("is_admin").get(Boolean.class),
                             Rows.instant(row, "created_at"));
        return new Credentials(user, row.column("password_hash").get(String.class));
    }
}
