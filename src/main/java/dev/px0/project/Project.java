package dev.px0.project;

import java.time.Instant;
import java.util.UUID;

/** A project, and the role the caller has in it. */
public record Project(UUID id, String slug, String name, Instant createdAt) {

    /** A project the caller may act on, with the caller's effective role. */
    public record Access(Project project, Role role, UUID actor) {
    }

    /** A member as the API shows it. */
    public record Member(UUID userId, String email, Role role) {
    }
}
