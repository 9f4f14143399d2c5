package dev.px0.client;

/** px0 says the prompt, its label or its version does not exist (or the project is not the API key's). */
public final class PromptNotFoundException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    PromptNotFoundException(String message) {
        super(message);
    }
}
