package dev.px0.project;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** An application's credential for one project, as listed (never with its secret). */
record ApiKey(UUID id, String name, Scope scope, String prefix, Instant createdAt, Instant lastUsedAt) {

    /** What a key may do: {@code read} fetches and renders; {@code write} also creates and moves labels but production. */
    public enum Scope {
        READ(EnumSet.of(Role.Action.READ, Role.Action.RENDER)),
        WRITE(EnumSet.of(Role.Action.READ, Role.Action.RENDER, Role.Action.CREATE_PROMPT, Role.Action.CREATE_VERSION,
                         Role.Action.MOVE_LABEL));

        private final Set<Role.Action> allowed;

        Scope(Set<Role.Action> allowed) {
            this.allowed = allowed;
        }

        public boolean allows(Role.Action action) {
            return allowed.contains(action);
        }

        public String text() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<Scope> parse(String text) {
            for (Scope scope : values()) {
                if (scope.text().equals(text)) {
                    return Optional.of(scope);
                }
            }
            return Optional.empty();
        }
    }
}
