package dev.px0.store;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.NoSuchElementException;

import io.helidon.dbclient.DbClientException;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/** Which failures are "a store is unavailable" (503) and which are bugs (500). */
class StoreFailuresTest {

    @Test
    void unreachableOrOverloadedStoresAreUnavailable() {
        assertThat(StoreFailures.isUnavailable(new JedisConnectionException("refused")), is(true));
        assertThat(StoreFailures.isUnavailable(new JedisException("Could not get a resource from the pool",
                                                                  new NoSuchElementException("Timeout"))), is(true));
        assertThat(StoreFailures.isUnavailable(new DbClientException("x", new SQLTransientConnectionException("pool"))),
                   is(true));
        assertThat(StoreFailures.isUnavailable(new DbClientException("x", new SQLException("gone", "08006"))), is(true));
        assertThat(StoreFailures.isUnavailable(new DbClientException("x", new SQLException("admin shutdown", "57P01"))),
                   is(true));
        assertThat(StoreFailures.isUnavailable(new RuntimeException(new SocketTimeoutException())), is(true));
        assertThat(StoreFailures.isUnavailable(new RuntimeException(new ConnectException())), is(true));
    }

    @Test
    void bugsAreNot() {
        assertThat(StoreFailures.isUnavailable(new IllegalStateException("bug")), is(false));
        assertThat(StoreFailures.isUnavailable(new JedisDataException("WRONGTYPE")), is(false));
        assertThat(StoreFailures.isUnavailable(new DbClientException("x", new SQLException("syntax", "42601"))), is(false));
    }
}
