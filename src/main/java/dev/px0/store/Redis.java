package dev.px0.store;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import dev.px0.telemetry.StoreSpans;

import io.opentelemetry.api.OpenTelemetry;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import redis.clients.jedis.Connection;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisProtocol;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.executors.ClusterCommandExecutor;
import redis.clients.jedis.executors.CommandExecutor;
import redis.clients.jedis.executors.DefaultCommandExecutor;
import redis.clients.jedis.providers.ClusterConnectionProvider;
import redis.clients.jedis.providers.ConnectionProvider;
import redis.clients.jedis.providers.PooledConnectionProvider;
import redis.clients.jedis.providers.SentineledConnectionProvider;
import redis.clients.jedis.util.Delay;

/**
 * Builds px0's Redis client, with timeouts on connect, read and pool wait, for one of three set-ups:
 * <ul>
 *     <li>a single Redis at {@code PX0_REDIS_URL};</li>
 *     <li>a primary found through Sentinel ({@code PX0_REDIS_SENTINELS}, {@code PX0_REDIS_SENTINEL_MASTER}): Jedis's
 *     {@link SentineledConnectionProvider} listens for {@code +switch-master} and moves its pool to the new primary,
 *     so px0 follows a failover without a restart;</li>
 *     <li>a Redis Cluster ({@code PX0_REDIS_CLUSTER}): commands go to the node owning their keys' hash slot, which
 *     is why every multi-key command and script of px0 names keys of one slot ({@code {…}} hash tags).</li>
 * </ul>
 * In every set-up the client is a {@link RedisClient} (Jedis's single-server type, given the set-up's connection
 * provider and executor), so the stores take one type whatever the topology. Credentials, TLS and the database
 * number always come from {@code PX0_REDIS_URL}.
 */
public final class Redis {

    private static final AtomicInteger NEXT_CLUSTER_NODE = new AtomicInteger();

    private Redis() {
    }

    /** Connections to a single Redis are made lazily, so this succeeds while it is down; Sentinel and Cluster are asked at once. */
    public static RedisClient connect(RedisSettings settings) {
        return connect(settings, OpenTelemetry.noop());
    }

    /** As {@link #connect(RedisSettings)}, with a span for every command. */
    public static RedisClient connect(RedisSettings settings, OpenTelemetry telemetry) {
        GenericObjectPoolConfig<Connection> pool = new GenericObjectPoolConfig<>();
        pool.setMaxTotal(settings.poolSize());
        pool.setMaxIdle(settings.poolSize());
        pool.setMinIdle(0);
        pool.setMaxWait(settings.timeout());
        pool.setBlockWhenExhausted(true);
        pool.setTestWhileIdle(true);
        pool.setTimeBetweenEvictionRuns(Duration.ofSeconds(30));
        JedisClientConfig config = clientConfig(settings).build();
        ConnectionProvider connections;
        CommandExecutor executor;
        HostAndPort address;
        if (settings.sentinel().isPresent()) {
            RedisSettings.Sentinel sentinel = settings.sentinel().get();
            address = hostAndPort(sentinel.nodes().getFirst());
            connections = new SentineledConnectionProvider(sentinel.master(), config, pool, hostsAndPorts(sentinel.nodes()),
                                                           sentinelConfig(settings), Delay.constant(Duration.ofMillis(500)));
            executor = new DefaultCommandExecutor(connections);
        } else if (!settings.cluster().isEmpty()) {
            address = hostAndPort(settings.cluster().getFirst());
            ClusterConnectionProvider cluster = new ClusterConnectionProvider(hostsAndPorts(settings.cluster()), config,
                                                                              pool, Duration.ofSeconds(10));
            connections = cluster;
            // a moved slot or a failed-over primary is retried on the new owner, within one command timeout
            executor = new ClusterCommandExecutor(cluster, 5, settings.timeout());
        } else {
            address = address(settings);
            connections = new PooledConnectionProvider(address, config, pool);
            executor = new DefaultCommandExecutor(connections);
        }
        return RedisClient.builder()
                .hostAndPort(address)
                .clientConfig(config)
                .connectionProvider(connections)
                .commandExecutor(StoreSpans.redis(telemetry, executor))
                .build();
    }

    /**
     * A new connection of its own, outside the pool, for a long-lived subscription: its owner can close it from
     * another thread to break a read that would otherwise wait forever. Connects at once (and throws if it cannot):
     * to the single Redis; to the primary the Sentinels name now (so a resubscription after a failover lands on the
     * new one); or to a reachable Cluster node, where a plain SUBSCRIBE hears what is published on any node.
     * It speaks RESP2, where a PING on a subscribed connection is answered by a pong message that Jedis hands to
     * {@code onPong}; under RESP3 the answer is a plain PONG, which Jedis's subscriber loop refuses.
     */
    public static Connection dedicated(RedisSettings settings) {
        JedisClientConfig config = clientConfig(settings).protocol(RedisProtocol.RESP2).build();
        if (settings.sentinel().isPresent()) {
            return new Connection(primaryNamedBySentinels(settings), config);
        }
        if (!settings.cluster().isEmpty()) {
            List<RedisSettings.Endpoint> nodes = settings.cluster();
            int first = Math.floorMod(NEXT_CLUSTER_NODE.getAndIncrement(), nodes.size());
            JedisConnectionException failure = null;
            for (int i = 0; i < nodes.size(); i++) {
                try {
                    return new Connection(hostAndPort(nodes.get((first + i) % nodes.size())), config);
                } catch (JedisConnectionException e) {
                    failure = e;
                }
            }
            throw failure;
        }
        return new Connection(address(settings), config);
    }

    /**
     * The channel broke, so the command connections most likely did too: a single Redis's idle connections are
     * dropped. Sentinel and Cluster providers have no single pool ({@link RedisClient#getPool()} refuses them) and
     * replace their pools themselves when the primary moves.
     */
    public static void discardIdleConnections(RedisClient redis) {
        try {
            redis.getPool().clear();
        } catch (ClassCastException notASinglePool) {
            // Sentinel or Cluster
        }
    }

    /** Asks each Sentinel in turn where the primary is; the first answer wins. */
    private static HostAndPort primaryNamedBySentinels(RedisSettings settings) {
        RedisSettings.Sentinel sentinel = settings.sentinel().orElseThrow();
        JedisClientConfig config = sentinelConfig(settings);
        RuntimeException failure = null;
        for (RedisSettings.Endpoint node : sentinel.nodes()) {
            try (Jedis jedis = new Jedis(hostAndPort(node), config)) {
                List<String> primary = jedis.sentinelGetMasterAddrByName(sentinel.master());
                if (primary != null && primary.size() == 2) {
                    return new HostAndPort(primary.get(0), Integer.parseInt(primary.get(1)));
                }
            } catch (RuntimeException e) {
                failure = e;
            }
        }
        throw new JedisConnectionException("no Sentinel named a primary for " + sentinel.master(), failure);
    }

    private static Set<HostAndPort> hostsAndPorts(List<RedisSettings.Endpoint> endpoints) {
        Set<HostAndPort> set = new LinkedHashSet<>();
        endpoints.forEach(endpoint -> set.add(hostAndPort(endpoint)));
        return set;
    }

    private static HostAndPort hostAndPort(RedisSettings.Endpoint endpoint) {
        return new HostAndPort(endpoint.host(), endpoint.port());
    }

    private static HostAndPort address(RedisSettings settings) {
        URI uri = settings.uri();
        return new HostAndPort(uri.getHost(), uri.getPort() < 0 ? 6379 : uri.getPort());
    }

    /** Sentinels: the same timeouts and TLS as the data nodes, their own password (none when empty). */
    private static JedisClientConfig sentinelConfig(RedisSettings settings) {
        int timeoutMillis = (int) settings.timeout().toMillis();
        DefaultJedisClientConfig.Builder client = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(timeoutMillis)
                .socketTimeoutMillis(timeoutMillis)
                .clientName("px0")
                .protocol(RedisProtocol.RESP2)
                .ssl("rediss".equalsIgnoreCase(settings.uri().getScheme()));
        String password = settings.sentinel().map(RedisSettings.Sentinel::password).orElse("");
        if (!password.isEmpty()) {
            client.password(password);
        }
        return client.build();
    }

    private static DefaultJedisClientConfig.Builder clientConfig(RedisSettings settings) {
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
