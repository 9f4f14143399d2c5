package dev.px0.project;

import java.util.UUID;

import dev.px0.auth.TokenStore;

/** Who is calling a project route: a signed-in user (bearer token) or an application (API key). */
public sealed interface Principal {

    /** A user's session. */
    record Session(TokenStore.Caller caller) implements Principal {
    }

    /** An API key of {@code project}. */
    record Key(UUID keyId, Project project, ApiKey.Scope scope) implements Principal {
    }
}
