package dev.px0.cache;

import java.util.Optional;
import java.util.UUID;

/**
 * What a node tells every node (itself included) to forget, as one message on the Redis channel
 * {@value NodeCaches#CHANNEL}. The text form carries identifiers only, never a secret. The change streams
 * ({@code dev.px0.events}) are fed from the same messages, so a prompt message also says what changed.
 */
public sealed interface Invalidation {

    /**
     * A prompt's labels moved, its versions grew, or it was created or deleted: forget everything resolved by its
     * slug. {@code change} says what happened, for the change streams.
     */
    record Prompt(UUID projectId, String slug, Change change) implements Invalidation {

        /** A change of the prompt whose detail is not known (the message of an older node). */
        public Prompt(UUID projectId, String slug) {
            this(projectId, slug, new Change.Unspecified());
        }
    }

    /** An API key was deleted. */
    record ApiKey(UUID keyId) implements Invalidation {
    }

    /** Forget everything. */
    record Purge() implements Invalidation {
    }

    /** What happened to a prompt. */
    sealed interface Change {

        /** {@code label} now points at {@code version}, or was deleted ({@code version} null). */
        record Label(String label, Integer version) implements Change {
        }

        /** The prompt was created ({@code deleted} false) or deleted. */
        record Existence(boolean deleted) implements Change {
        }

        /** Something changed; a listener should read the prompt again. */
        record Unspecified() implements Change {
        }
    }

    /** The metric attribute value for this kind of event. */
    default String kind() {
        return switch (this) {
            case Prompt p -> "prompt";
            case ApiKey k -> "api_key";
            case Purge p -> "purge";
        };
    }

    /**
     * {@code prompt <project id> <slug>} followed by {@code label <name> <version or ->}, {@code created} or
     * {@code deleted}; {@code api_key <id>}; or {@code purge}. The first three words of a prompt message are
     * those of earlier versions of px0.
     */
    default String encode() {
        return switch (this) {
            case Prompt p -> "prompt " + p.projectId() + " " + p.slug() + switch (p.change()) {
                case Change.Label l -> " label " + l.label() + " " + (l.version() == null ? "-" : l.version());
                case Change.Existence e -> e.deleted() ? " deleted" : " created";
                case Change.Unspecified u -> "";
            };
            case ApiKey k -> "api_key " + k.keyId();
            case Purge p -> "purge";
        };
    }

    /** The event of a message, or empty for a message this version of px0 does not know. */
    static Optional<Invalidation> decode(String message) {
        String[] parts = message.split(" ");
        try {
            return switch (parts[0]) {
                case "prompt" -> parts.length >= 3
                        ? change(parts).map(c -> new Prompt(UUID.fromString(parts[1]), parts[2], c))
                        : Optional.empty();
                case "api_key" -> parts.length == 2 ? Optional.of(new ApiKey(UUID.fromString(parts[1]))) : Optional.empty();
                case "purge" -> parts.length == 1 ? Optional.of(new Purge()) : Optional.empty();
                default -> Optional.empty();
            };
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Optional<Change> change(String[] parts) {
        if (parts.length == 3) {
            return Optional.of(new Change.Unspecified());
        }
        return switch (parts[3]) {
            case "label" -> parts.length == 6
                    ? Optional.of(new Change.Label(parts[4], parts[5].equals("-") ? null : Integer.valueOf(parts[5])))
                    : Optional.empty();
            case "created" -> parts.length == 4 ? Optional.of(new Change.Existence(false)) : Optional.empty();
            case "deleted" -> parts.length == 4 ? Optional.of(new Change.Existence(true)) : Optional.empty();
            default -> Optional.of(new Change.Unspecified()); // a later px0's detail: still drop the prompt
        };
    }
}
