package dev.px0.project;

import java.util.UUID;

import dev.px0.auth.Caller;

/** Who is calling a project route: a signed-in user (bearer token) or an application (API key). */
sealed interface Principal {

    /** A user's session. */
    record Session(Caller caller) implements Principal {
    }

    /** An API key of {@code project}. */
    record Key(UUID keyId, Project project, ApiKey.Scope scope) implements Principal {
    }
}
