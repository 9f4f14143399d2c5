package dev.px0.user;

import java.time.Instant;
import java.util.UUID;

/** A px0 account as the API shows it: never carries the password hash. */
public record User(UUID id, String email, boolean verified, boolean admin, Instant createdAt) {
}
