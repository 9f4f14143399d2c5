package dev.px0.project;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A member's role in a project, and what each may do: authorization as data, checked in one place
 * ({@link ProjectService#access}). viewer &lt; editor &lt; admin; a system admin acts as admin everywhere.
 */
public enum Role {
    VIEWER,
    EDITOR,
    ADMIN;

    /** Everything a caller may ask of a project. */
    public enum Action {
        READ,
        READ_MEMBERS,
        RENDER,
        CREATE_PROMPT,
        CREATE_VERSION,
        MOVE_LABEL,
        MOVE_PRODUCTION,
        DELETE_PROMPT,
        MANAGE_MEMBERS,
        MANAGE_API_KEYS,
        READ_AUDIT
    }

    private static final Map<Role, Set<Action>> ALLOWED = Map.of(
            VIEWER, EnumSet.of(Action.READ, Action.READ_MEMBERS, Action.RENDER),
            EDITOR, EnumSet.of(Action.READ, Action.READ_MEMBERS, Action.RENDER, Action.CREATE_PROMPT,
                               Action.CREATE_VERSION, Action.MOVE_LABEL),
            ADMIN, EnumSet.allOf(Action.class));

    public boolean allows(Action action) {
        return ALLOWED.get(this).contains(action);
    }

    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> parse(String text) {
        for (Role role : values()) {
            if (role.text().equals(text)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
