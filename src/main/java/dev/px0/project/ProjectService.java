package dev.px0.project;

import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import dev.px0.auth.Caller;
import dev.px0.http.ApiException;
import dev.px0.project.Principal.Key;
import dev.px0.project.Principal.Session;
import dev.px0.store.Rows;
import dev.px0.user.EmailAddress;

/** Projects and their members, and the one access check every project route goes through. */
final class ProjectService {

    private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    private final ProjectStore store;

    ProjectService(ProjectStore store) {
        this.store = store;
    }

    /**
     * The caller's access to a project for one action. Not a member (and not a system admin): 404, exactly as
     * for a project that does not exist. A member whose role does not allow the action: 403.
     */
    public Project.Access access(Principal principal, String slug, Role.Action action) {
        return switch (principal) {
            case Session session -> access(session.caller(), slug, action);
            case Key key -> access(key, slug, action);
        };
    }

    /**
     * An API key's access: only to its own project (another project's slug is 404, as for a non-member) and only
     * for what its scope allows (403). Costs nothing: the key already names its project.
     */
    private static Project.Access access(Key key, String slug, Role.Action action) {
        if (!key.project().slug().equals(slug)) {
            throw ApiException.notFound("project not found");
        }
        if (!key.scope().allows(action)) {
            throw ApiException.forbidden();
        }
        return new Project.Access(key.project(), null, key.keyId());
    }

    private Project.Access access(Caller caller, String slug, Role.Action action) {
        ProjectStore.Membership membership = store.membership(slug, caller.user().id())
                .orElseThrow(() -> ApiException.notFound("project not found"));
        Role role = caller.user().admin() ? Role.ADMIN
                : membership.role().orElseThrow(() -> ApiException.notFound("project not found"));
        if (!role.allows(action)) {
            throw ApiException.forbidden();
        }
        return new Project.Access(membership.project(), caller.user().id(), null);
    }

    public Project create(Caller caller, String slug, String name) {
        if (!SLUG.matcher(slug).matches()) {
            throw ApiException.badRequest("invalid project slug");
        }
        if (name.isBlank() || name.length() > 200) {
            throw ApiException.badRequest("invalid project name");
        }
        UUID actor = caller.user().id();
        return Rows.inTransaction(store.db(), tx -> {
            Project project = store.create(tx, slug, name, actor)
                    .orElseThrow(() -> ApiException.conflict("project already exists"));
            store.audit(tx, project.id(), actor, "project.create", "project:" + slug, null,
                        Json.object("slug", slug, "name", name));
            return project;
        });
    }

    public List<Project> list(Caller caller) {
        return store.projectsOf(caller.user().id(), caller.user().admin());
    }

    public List<Project.Member> members(Project.Access access) {
        return store.members(access.project().id());
    }

    /** Adds a member or changes a member's role; the last admin cannot be demoted. */
    public Project.Member putMember(Project.Access access, UUID userId, Role role) {
        UUID projectId = access.project().id();
        return Rows.inTransaction(store.db(), tx -> {
            List<UUID> admins = store.lockAdmins(tx, projectId);
            if (role != Role.ADMIN && admins.size() == 1 && admins.contains(userId)) {
                throw ApiException.conflict("a project needs an admin");
            }
            String before = store.role(tx, projectId, userId).map(r -> Json.object("role", r.text())).orElse(null);
            Project.Member member = store.putMember(tx, projectId, userId, role)
                    .orElseThrow(() -> ApiException.notFound("user not found"));
            store.audit(tx, access, "member.put", "user:" + userId, before,
                        Json.object("role", role.text()));
            return member;
        });
    }

    /**
     * Adds the person with this email (an existing account) as a member with a role: 404 {@code user not found}
     * when no account has it, 409 {@code already a member} when it is one (a role changes through {@link #putMember}).
     */
    public Project.Member addMember(Project.Access access, String email, Role role) {
        if (!EmailAddress.isValid(email)) {
            throw ApiException.badRequest("invalid email format");
        }
        UUID projectId = access.project().id();
        return Rows.inTransaction(store.db(), tx -> {
            UUID userId = store.userIdByEmail(tx, email).orElseThrow(() -> ApiException.notFound("user not found"));
            store.lockAdmins(tx, projectId);
            if (store.role(tx, projectId, userId).isPresent()) {
                throw ApiException.conflict("already a member");
            }
            Project.Member member = store.putMember(tx, projectId, userId, role)
                    .orElseThrow(() -> ApiException.notFound("user not found"));
            store.audit(tx, access, "member.add", "user:" + userId, null, Json.object("role", role.text()));
            return member;
        });
    }

    /** Removes a member; the last admin cannot be removed. */
    public void removeMember(Project.Access access, UUID userId) {
        UUID projectId = access.project().id();
        Rows.inTransaction(store.db(), tx -> {
            List<UUID> admins = store.lockAdmins(tx, projectId);
            if (admins.size() == 1 && admins.contains(userId)) {
                throw ApiException.conflict("a project needs an admin");
            }
            Role before = store.role(tx, projectId, userId).orElseThrow(() -> ApiException.notFound("member not found"));
            store.removeMember(tx, projectId, userId);
            store.audit(tx, access, "member.delete", "user:" + userId,
                        Json.object("role", before.text()), null);
            return null;
        });
    }

    public List<ProjectStore.AuditEntry> audit(Project.Access access, int limit) {
        return store.auditLog(access.project().id(), limit);
    }

    /** Tiny JSON for audit before/after values. */
    public static final class Json {
        private Json() {
        }

        public static String object(String... namesAndValues) {
            var builder = dev.px0.http.JsonResponses.object();
            for (int i = 0; i < namesAndValues.length; i += 2) {
                builder.add(namesAndValues[i], namesAndValues[i + 1]);
            }
            return builder.build().toString();
        }
    }
}
