package dev.px0.store;

import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;

import redis.clients.jedis.exceptions.JedisClusterOperationException;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Tells whether a failure means "a store cannot be reached in time" (answer 503 service unavailable) rather than a
 * bug (answer 500): connection refused or lost, a timeout, or no pooled connection free within the timeout; and
 * the answers of a Redis in the middle of a failover (a demoted primary's {@code READONLY}, a replica still
 * {@code LOADING}, {@code MASTERDOWN}, a Cluster's {@code CLUSTERDOWN} or {@code TRYAGAIN}, a Cluster command out of
 * retries).
 */
public final class StoreFailures {

    /** Redis error replies that mean "a primary is moving", not "px0 sent a bad command". */
    private static final String[] FAILOVER_REPLIES = {"READONLY", "LOADING", "MASTERDOWN", "CLUSTERDOWN", "TRYAGAIN",
            "NOREPLICAS"};

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
            if (t instanceof JedisDataException && isFailoverReply(t.getMessage())) {
                return true;
            }
            if (t instanceof JedisClusterOperationException && t.getMessage() != null
                    && (t.getMessage().startsWith("No more cluster attempts left")
                            || t.getMessage().startsWith("Cluster retry deadline exceeded"))) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    private static boolean isFailoverReply(String message) {
        if (message == null) {
            return false;
        }
        for (String prefix : FAILOVER_REPLIES) {
            if (message.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
