package dev.px0.change;

import java.util.Optional;
import java.util.UUID;

/**
 * A change every node hears (the one that made it too), as one message on the Redis channel
 * {@value InvalidationChannel#CHANNEL}: the node caches ({@code dev.px0.cache}) forget what it names, and the change
 * streams ({@code dev.px0.events}) tell their clients, so a prompt message also says what changed. The text form
 * carries identifiers only, never a secret.
 */
public sealed interface Change {

    /**
     * A prompt's labels moved, its versions grew, or it was created or deleted: forget everything resolved by its
     * slug. {@code detail} says what happened, for the change streams.
     */
    record Prompt(UUID projectId, String slug, Detail detail) implements Change {

        /** A change of the prompt whose detail is not known (the message of an older node). */
        public Prompt(UUID projectId, String slug) {
            this(projectId, slug, new Detail.Unspecified());
        }
    }

    /** An API key was deleted. */
    record ApiKey(UUID keyId) implements Change {
    }

    /** Forget everything. */
    record Purge() implements Change {
    }

    /** What happened to a prompt. */
    sealed interface Detail {

        /** {@code label} now points at {@code version}, or was deleted ({@code version} null). */
        record Label(String label, Integer version) implements Detail {
        }

        /** The prompt was created ({@code deleted} false) or deleted. */
        record Existence(boolean deleted) implements Detail {
        }

        /** Something changed; a listener should read the prompt again. */
        record Unspecified() implements Detail {
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
            case Prompt p -> "prompt " + p.projectId() + " " + p.slug() + switch (p.detail()) {
                case Detail.Label l -> " label " + l.label() + " " + (l.version() == null ? "-" : l.version());
                case Detail.Existence e -> e.deleted() ? " deleted" : " created";
                case Detail.Unspecified u -> "";
            };
            case ApiKey k -> "api_key " + k.keyId();
            case Purge p -> "purge";
        };
    }

    /** The event of a message, or empty for a message this version of px0 does not know. */
    static Optional<Change> decode(String message) {
        String[] parts = message.split(" ");
        try {
            return switch (parts[0]) {
                case "prompt" -> parts.length >= 3
                        ? detail(parts).map(d -> new Prompt(UUID.fromString(parts[1]), parts[2], d))
                        : Optional.empty();
                case "api_key" -> parts.length == 2 ? Optional.of(new ApiKey(UUID.fromString(parts[1]))) : Optional.empty();
                case "purge" -> parts.length == 1 ? Optional.of(new Purge()) : Optional.empty();
                default -> Optional.empty();
            };
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Optional<Detail> detail(String[] parts) {
        if (parts.length == 3) {
            return Optional.of(new Detail.Unspecified());
        }
        return switch (parts[3]) {
            case "label" -> parts.length == 6
                    ? Optional.of(new Detail.Label(parts[4], parts[5].equals("-") ? null : Integer.valueOf(parts[5])))
                    : Optional.empty();
            case "created" -> parts.length == 4 ? Optional.of(new Detail.Existence(false)) : Optional.empty();
            case "deleted" -> parts.length == 4 ? Optional.of(new Detail.Existence(true)) : Optional.empty();
            default -> Optional.of(new Detail.Unspecified()); // a later px0's detail: still drop the prompt
        };
    }
}
