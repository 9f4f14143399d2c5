package dev.px0.store;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.NoSuchElementException;

import io.helidon.dbclient.DbClientException;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.exceptions.JedisClusterException;
import redis.clients.jedis.exceptions.JedisClusterOperationException;
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
    void repliesOfARedisInTheMiddleOfAFailoverAreUnavailable() {
        assertThat(StoreFailures.isUnavailable(new JedisDataException("READONLY You can't write against a read only replica.")),
                   is(true));
        assertThat(StoreFailures.isUnavailable(new JedisDataException("LOADING Redis is loading the dataset in memory")),
                   is(true));
        assertThat(StoreFailures.isUnavailable(new JedisDataException("MASTERDOWN Link with MASTER is down")), is(true));
        assertThat(StoreFailures.isUnavailable(new JedisClusterException("CLUSTERDOWN The cluster is down")), is(true));
        assertThat(StoreFailures.isUnavailable(new JedisDataException("TRYAGAIN Multiple keys request during rehashing")),
                   is(true));
        assertThat(StoreFailures.isUnavailable(new JedisClusterOperationException("No more cluster attempts left.")),
                   is(true));
        assertThat(StoreFailures.isUnavailable(new JedisClusterOperationException("Cluster retry deadline exceeded.")),
                   is(true));
    }

    @Test
    void bugsAreNot() {
        assertThat(StoreFailures.isUnavailable(new JedisDataException("CROSSSLOT Keys in request don't hash to the same slot")),
                   is(false));
        assertThat(StoreFailures.isUnavailable(new JedisClusterOperationException("Keys must belong to same hashslot.")),
                   is(false));
        assertThat(StoreFailures.isUnavailable(new IllegalStateException("bug")), is(false));
        assertThat(StoreFailures.isUnavailable(new JedisDataException("WRONGTYPE")), is(false));
        assertThat(StoreFailures.isUnavailable(new DbClientException("x", new SQLException("syntax", "42601"))), is(false));
    }
}
