package dev.px0.auth;

/** No password-hash slot freed up within the queue timeout: the node is saturated, the client should retry. */
public final class ServerBusyException extends RuntimeException {
    public ServerBusyException() {
        super("no password hash slot within the queue timeout", null, false, false);
    }
}
