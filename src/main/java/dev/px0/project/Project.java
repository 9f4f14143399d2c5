package dev.px0.project;

import java.time.Instant;
import java.util.UUID;

/** A project, and the role the caller has in it. */
public record Project(UUID id, String slug, String name, Instant createdAt) {

    /**
     * A project the caller may act on: the user acting ({@code actor}) or the API key ({@code apiKey}); the
     * other is null.
     */
    public record Access(Project project, UUID actor, UUID apiKey) {
    }

    /** A member as the API shows it. */
    public record Member(UUID userId, String email, Role role) {
    }
}
