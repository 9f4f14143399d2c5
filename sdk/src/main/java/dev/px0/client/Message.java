package dev.px0.client;

/**
 * One rendered message of a chat prompt, as {@code POST …/render} returns it in {@code messages}.
 *
 * @param role    {@code system}, {@code user} or {@code assistant}
 * @param content the rendered text
 */
public record Message(String role, String content) {
}
