package dev.px0.store;

import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;

import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Tells whether a failure means "a store cannot be reached in time" (answer 503 service unavailable) rather than a
 * bug (answer 500): connection refused or lost, a timeout, or no pooled connection free within the timeout.
 */
public final class StoreFailures {

    private StoreFailures() {
    }

    public static boolean isUnavailable(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof JedisException && t.getCause() instanceof java.util.NoSuchElementException) {
                return true; // no Redis connection free within PX0_REDIS_TIMEOUT: overloaded
            }
            if (t instanceof JedisConnectionException
                    || t instanceof SQLTransientConnectionException
                    || t instanceof SQLNonTransientConnectionException
                    || t instanceof java.net.SocketTimeoutException
                    || t instanceof java.net.ConnectException) {
                return true;
            }
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
