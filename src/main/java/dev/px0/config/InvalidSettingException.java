package dev.px0.config;

/** A setting is missing or has a value px0 cannot use: start-up stops with this message (exit code 2). */
public final class InvalidSettingException extends RuntimeException {
    public InvalidSettingException(String message) {
        super("invalid configuration: " + message);
    }
}
