package dev.px0.client;

/**
 * A prompt that this client has never held could not be fetched (px0 unreachable, or it refused the API key), and
 * no snapshot or fallback knows it. A prompt once held is never refused for that reason: it is served as it was.
 */
public final class Px0UnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    Px0UnavailableException(String message) {
        super(message);
    }
}
