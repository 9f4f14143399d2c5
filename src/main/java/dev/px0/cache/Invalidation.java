package dev.px0.cache;

import java.util.Optional;
import java.util.UUID;

/**
 * What a node tells every node (itself included) to forget, as one message on the Redis channel
 * {@value NodeCaches#CHANNEL}. The text form carries identifiers only, never a secret.
 */
public sealed interface Invalidation {

    /** A prompt's labels moved, its versions grew, or it was deleted: forget everything resolved by its slug. */
    record Prompt(UUID projectId, String slug) implements Invalidation {
    }

    /** An API key was deleted. */
    record ApiKey(UUID keyId) implements Invalidation {
    }

    /** Forget everything. */
    record Purge() implements Invalidation {
    }

    /** The metric attribute value for this kind of event. */
    default String kind() {
        return switch (this) {
            case Prompt p -> "prompt";
            case ApiKey k -> "api_key";
            case Purge p -> "purge";
        };
    }

    /** {@code prompt <project id> <slug>}, {@code api_key <id>} or {@code purge}. */
    default String encode() {
        return switch (this) {
            case Prompt p -> "prompt " + p.projectId() + " " + p.slug();
            case ApiKey k -> "api_key " + k.keyId();
            case Purge p -> "purge";
        };
    }

    /** The event of a message, or empty for a message this version of px0 does not know. */
    static Optional<Invalidation> decode(String message) {
        String[] parts = message.split(" ");
        try {
            return switch (parts[0]) {
                case "prompt" -> parts.length == 3 ? Optional.of(new Prompt(UUID.fromString(parts[1]), parts[2]))
                        : Optional.empty();
                case "api_key" -> parts.length == 2 ? Optional.of(new ApiKey(UUID.fromString(parts[1]))) : Optional.empty();
                case "purge" -> parts.length == 1 ? Optional.of(new Purge()) : Optional.empty();
                default -> Optional.empty();
            };
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
