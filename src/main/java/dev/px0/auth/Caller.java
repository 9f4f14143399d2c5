package dev.px0.auth;

import dev.px0.user.User;

/** The user behind a live session token, and which session the token is. */
public record Caller(User user, String sessionId) {
}
