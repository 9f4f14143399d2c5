package dev.px0.store;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import dev.px0.Settings;
import dev.px0.telemetry.StoreSpans;

import io.opentelemetry.api.OpenTelemetry;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import redis.clients.jedis.Connection;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisProtocol;
import redis.clients.jedis.executors.DefaultCommandExecutor;
import redis.clients.jedis.providers.PooledConnectionProvider;

/** Builds px0's Redis client from {@code PX0_REDIS_URL}, with timeouts on connect, read and pool wait. */
public final class Redis {

    private Redis() {
    }

    /** Connections are made lazily, so this succeeds while Redis is down. */
    public static RedisClient connect(Settings.Redis settings) {
        return connect(settings, OpenTelemetry.noop());
    }

    /** As {@link #connect(Settings.Redis)}, with a span for every command. */
    public static RedisClient connect(Settings.Redis settings, OpenTelemetry telemetry) {
        GenericObjectPoolConfig<Connection> pool = new GenericObjectPoolConfig<>();
        pool.setMaxTotal(settings.poolSize());
        pool.setMaxIdle(settings.poolSize());
        pool.setMinIdle(0);
        pool.setMaxWait(settings.timeout());
        pool.setBlockWhenExhausted(true);
        pool.setTestWhileIdle(true);
        pool.setTimeBetweenEvictionRuns(Duration.ofSeconds(30));
        HostAndPort address = address(settings);
        JedisClientConfig config = clientConfig(settings).build();
        PooledConnectionProvider connections = new PooledConnectionProvider(address, config, pool);
        return RedisClient.builder()
                .hostAndPort(address)
                .clientConfig(config)
                .connectionProvider(connections)
                .commandExecutor(StoreSpans.redis(telemetry, new DefaultCommandExecutor(connections)))
                .build();
    }

    /**
     * A new connection of its own, outside the pool, for a long-lived subscription: its owner can close it from
     * another thread to break a read that would otherwise wait forever. Connects at once (and throws if it cannot).
     * It speaks RESP2, where a PING on a subscribed connection is answered by a pong message that Jedis hands to
     * {@code onPong}; under RESP3 the answer is a plain PONG, which Jedis's subscriber loop refuses.
     */
    public static Connection dedicated(Settings.Redis settings) {
        return new Connection(address(settings), clientConfig(settings).protocol(RedisProtocol.RESP2).build());
    }

    private static HostAndPort address(Settings.Redis settings) {
        URI uri = settings.uri();
        return new HostAndPort(uri.getHost(), uri.getPort() < 0 ? 6379 : uri.getPort());
    }

    private static DefaultJedisClientConfig.Builder clientConfig(Settings.Redis settings) {
        URI uri = settings.uri();
        int timeoutMillis = (int) settings.timeout().toMillis();
        DefaultJedisClientConfig.Builder client = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(timeoutMillis)
                .socketTimeoutMillis(timeoutMillis)
                .clientName("px0")
                .ssl("rediss".equalsIgnoreCase(uri.getScheme()));
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null && !userInfo.isEmpty()) {
            int colon = userInfo.indexOf(':');
            if (colon < 0) {
                client.password(decode(userInfo));
            } else {
                String user = decode(userInfo.substring(0, colon));
                if (!user.isEmpty()) {
                    client.user(user);
                }
                client.password(decode(userInfo.substring(colon + 1)));
            }
        }
        String path = uri.getPath();
        if (path != null && path.length() > 1) {
            client.database(Integer.parseInt(path.substring(1)));
        }
        return client;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
