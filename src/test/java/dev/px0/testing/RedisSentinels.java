package dev.px0.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import redis.clients.jedis.Jedis;

/**
 * A Redis primary, one replica and three Sentinels watching them as master {@value #MASTER}, all real processes
 * started by the test (see {@link RedisProcess}). The Sentinels fail over quickly: the primary is deemed down
 * after 1 s of silence, and a failover may be retried after 2 s.
 */
public final class RedisSentinels implements AutoCloseable {

    public static final String MASTER = "px0";

    private final RedisProcess primary;
    private final RedisProcess replica;
    private final List<RedisProcess> sentinels = new ArrayList<>();

    private final String password;
    private final String sentinelPassword;

    /** Without passwords. */
    public RedisSentinels() {
        this("", "");
    }

    /**
     * @param password         the data nodes' {@code requirepass} (empty: none)
     * @param sentinelPassword the Sentinels' own {@code requirepass} (empty: none)
     */
    public RedisSentinels(String password, String sentinelPassword) {
        this.password = password;
        this.sentinelPassword = sentinelPassword;
        List<String> data = new ArrayList<>(List.of("appendonly no", "save \"\""));
        if (!password.isEmpty()) {
            data.addAll(List.of("requirepass " + password, "masterauth " + password));
        }
        primary = RedisProcess.server("ha-primary", data, password);
        List<String> replicaConfig = new ArrayList<>(data);
        replicaConfig.add("replicaof 127.0.0.1 " + primary.port());
        replica = RedisProcess.server("ha-replica", replicaConfig, password);
        for (int i = 1; i <= 3; i++) {
            List<String> config = new ArrayList<>(List.of(
                    "sentinel monitor " + MASTER + " 127.0.0.1 " + primary.port() + " 2",
                    "sentinel down-after-milliseconds " + MASTER + " 1000",
                    "sentinel failover-timeout " + MASTER + " 2000",
                    "sentinel parallel-syncs " + MASTER + " 1"));
            if (!password.isEmpty()) {
                config.add("sentinel auth-pass " + MASTER + " " + password);
            }
            if (!sentinelPassword.isEmpty()) {
                config.add("requirepass " + sentinelPassword);
                config.add("sentinel sentinel-pass " + sentinelPassword);
            }
            sentinels.add(RedisProcess.sentinel("ha-sentinel-" + i, config, sentinelPassword));
        }
        // a failover needs the replica known to every Sentinel, and each Sentinel to know the two others
        Poll.until("the Sentinels see the replica and each other", Duration.ofSeconds(60), () -> {
            for (RedisProcess sentinel : sentinels) {
                try (Jedis jedis = sentinel.jedis()) {
                    if (jedis.sentinelReplicas(MASTER).isEmpty() || jedis.sentinelSentinels(MASTER).size() < 2) {
                        return false;
                    }
                } catch (RuntimeException e) {
                    return false;
                }
            }
            return true;
        });
    }

    public RedisProcess primary() {
        return primary;
    }

    public RedisProcess replica() {
        return replica;
    }

    /** The first Sentinel. */
    public RedisProcess sentinel() {
        return sentinels.getFirst();
    }

    /**
     * px0's settings to find the primary through these Sentinels; {@code PX0_REDIS_URL} names a port where nothing
     * listens (only its password is used).
     */
    public Map<String, String> settings() {
        return Map.of("px0.redis.sentinels", sentinels.stream().map(RedisProcess::hostPort).collect(Collectors.joining(",")),
                      "px0.redis.sentinel.master", MASTER,
                      "px0.redis.sentinel.password", sentinelPassword,
                      "px0.redis.url", password.isEmpty() ? "redis://127.0.0.1:1" : "redis://:" + password + "@127.0.0.1:1");
    }

    /** The port of the primary as the first Sentinel that answers names it now. */
    public int primaryPortNamedBySentinels() {
        for (RedisProcess sentinel : sentinels) {
            if (!sentinel.alive()) {
                continue;
            }
            try (Jedis jedis = sentinel.jedis()) {
                return Integer.parseInt(jedis.sentinelGetMasterAddrByName(MASTER).get(1));
            } catch (RuntimeException e) {
                // ask the next one
            }
        }
        throw new AssertionError("no Sentinel answered");
    }

    /** Waits until the primary has every write acknowledged by the replica ({@code WAIT 1}). */
    public void awaitReplication() {
        try (Jedis jedis = primary.jedis()) {
            long acknowledged = jedis.waitReplicas(1, 10_000);
            if (acknowledged < 1) {
                throw new AssertionError("the replica did not acknowledge the primary's writes within 10 s");
            }
        }
    }

    @Override
    public void close() {
        for (RedisProcess sentinel : sentinels) {
            sentinel.close();
        }
        replica.close();
        primary.close();
    }
}
