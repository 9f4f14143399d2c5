package dev.px0.project;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.px0.store.Rows;

import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbRow;

/** Projects, members and the audit log in PostgreSQL. Methods taking a {@link DbExecute} run in the caller's transaction. */
public final class ProjectStore {

    private final DbClient db;

    ProjectStore(DbClient db) {
        this.db = db;
    }

    public DbClient db() {
        return db;
    }

    /** The project of this slug and the user's role in it (empty role when not a member). */
    public Optional<Membership> membership(String slug, UUID userId) {
        return db.execute().get("SELECT p.id, p.slug, p.name, p.created_at, m.role FROM projects p "
                                        + "LEFT JOIN project_members m ON m.project_id = p.id AND m.user_id = ?::uuid "
                                        + "WHERE p.slug = ?", userId.toString(), slug)
                .map(row -> new Membership(project(row), Optional.ofNullable(Rows.string(row, "role"))
                        .flatMap(Role::parse)));
    }

    /** A project and the caller's role in it, if any. */
    public record Membership(Project project, Optional<Role> role) {
    }

    /** Creates the project with its creator as admin; empty when the slug is taken. */
    public Optional<Project> create(DbExecute tx, String slug, String name, UUID creator) {
        Optional<Project> project = tx.get("INSERT INTO projects (id, slug, name) VALUES (?::uuid, ?, ?) "
                                                   + "ON CONFLICT (slug) DO NOTHING RETURNING id, slug, name, created_at",
                                           UUID.randomUUID().toString(), slug, name)
                .map(ProjectStore::project);
        project.ifPresent(p -> tx.insert("INSERT INTO project_members (project_id, user_id, role) VALUES (?::uuid, ?::uuid, 'admin')",
                                         p.id().toString(), creator.toString()));
        return project;
    }

    /** The user's projects, or every project for a system admin. */
    public List<Project> projectsOf(UUID userId, boolean all) {
        String sql = all
                ? "SELECT id, slug, name, created_at FROM projects WHERE ?::uuid IS NOT NULL ORDER BY slug"
                : "SELECT p.id, p.slug, p.name, p.created_at FROM projects p JOIN project_members m ON m.project_id = p.id "
                        + "WHERE m.user_id = ?::uuid ORDER BY p.slug";
        return Rows.list(db.execute().query(sql, userId.toString()), ProjectStore::project);
    }

    public List<Project.Member> members(UUID projectId) {
        return Rows.list(db.execute().query("SELECT m.user_id, u.email, m.role FROM project_members m "
                                                    + "JOIN users u ON u.id = m.user_id WHERE m.project_id = ?::uuid "
                                                    + "ORDER BY lower(u.email)", projectId.toString()),
                         ProjectStore::member);
    }

    /** Locks the project's membership rows for a change, and returns its admins. */
    public List<UUID> lockAdmins(DbExecute tx, UUID projectId) {
        return Rows.list(tx.query("SELECT user_id FROM project_members WHERE project_id = ?::uuid AND role = 'admin' "
                                          + "ORDER BY user_id FOR UPDATE", projectId.toString()),
                         row -> UUID.fromString(Rows.string(row, "user_id")));
    }

    public Optional<Role> role(DbExecute tx, UUID projectId, UUID userId) {
        return tx.get("SELECT role FROM project_members WHERE project_id = ?::uuid AND user_id = ?::uuid",
                      projectId.toString(), userId.toString())
                .flatMap(row -> Role.parse(Rows.string(row, "role")));
    }

    public Optional<Project.Member> putMember(DbExecute tx, UUID projectId, UUID userId, Role role) {
        tx.dml("INSERT INTO project_members (project_id, user_id, role) SELECT ?::uuid, id, ? FROM users WHERE id = ?::uuid "
                       + "ON CONFLICT (project_id, user_id) DO UPDATE SET role = EXCLUDED.role",
               projectId.toString(), role.text(), userId.toString());
        return tx.get("SELECT m.user_id, u.email, m.role FROM project_members m JOIN users u ON u.id = m.user_id "
                              + "WHERE m.project_id = ?::uuid AND m.user_id = ?::uuid", projectId.toString(), userId.toString())
                .map(ProjectStore::member);
    }

    /** The id of the user with this email (compared case-insensitively), if there is one. */
    public Optional<UUID> userIdByEmail(DbExecute tx, String email) {
        return tx.get("SELECT id FROM users WHERE lower(email) = lower(?)", email)
                .map(row -> UUID.fromString(Rows.string(row, "id")));
    }

    public boolean removeMember(DbExecute tx, UUID projectId, UUID userId) {
        return tx.delete("DELETE FROM project_members WHERE project_id = ?::uuid AND user_id = ?::uuid",
                         projectId.toString(), userId.toString()) == 1;
    }

    /** One audit row, in the transaction of the change it records. {@code before}/{@code after} are JSON or null. */
    public void audit(DbExecute tx, UUID projectId, UUID actor, String action, String target, String before, String after) {
        audit(tx, projectId, actor, null, action, target, before, after);
    }

    /** An audit row naming whoever acts under {@code access}: a user or an API key. */
    public void audit(DbExecute tx, Project.Access access, String action, String target, String before, String after) {
        audit(tx, access.project().id(), access.actor(), access.apiKey(), action, target, before, after);
    }

    private void audit(DbExecute tx, UUID projectId, UUID actor, UUID apiKey, String action, String target,
                       String before, String after) {
        tx.insert("INSERT INTO audit_log (project_id, actor_id, api_key_id, action, target, before, after) "
                          + "VALUES (?::uuid, ?::uuid, ?::uuid, ?, ?, ?::jsonb, ?::jsonb)",
                  projectId.toString(), text(actor), text(apiKey), action, target, before, after);
    }

    private static String text(UUID id) {
        return id == null ? null : id.toString();
    }

    /** One row of the audit log; before and after are JSON text or null. */
    public record AuditEntry(long id, UUID actor, UUID apiKey, String action, String target, String before, String after,
                             java.time.Instant createdAt) {
    }

    /** The project's audit log, newest first. */
    public List<AuditEntry> auditLog(UUID projectId, int limit) {
        return Rows.list(db.execute().query("SELECT id, actor_id, api_key_id, action, target, before::text AS before, "
                                                    + "after::text AS after, created_at FROM audit_log "
                                                    + "WHERE project_id = ?::uuid ORDER BY id DESC LIMIT ?",
                                            projectId.toString(), limit),
                         row -> new AuditEntry(row.column("id").get(Long.class),
                                               Optional.ofNullable(Rows.string(row, "actor_id")).map(UUID::fromString).orElse(null),
                                               Optional.ofNullable(Rows.string(row, "api_key_id")).map(UUID::fromString).orElse(null),
                                               Rows.string(row, "action"), Rows.string(row, "target"),
                                               Rows.string(row, "before"), Rows.string(row, "after"),
                                               Rows.instant(row, "created_at")));
    }

    private static Project project(DbRow row) {
        return new Project(UUID.fromString(Rows.string(row, "id")), Rows.string(row, "slug"), Rows.string(row, "name"),
                           Rows.instant(row, "created_at"));
    }

    private static Project.Member member(DbRow row) {
        return new Project.Member(UUID.fromString(Rows.string(row, "user_id")), Rows.string(row, "email"),
                                  Role.parse(Rows.string(row, "role")).orElseThrow());
    }
}
