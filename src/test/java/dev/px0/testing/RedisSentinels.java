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

    public RedisSentinels() {
        primary = RedisProcess.server("ha-primary", List.of("appendonly no", "save \"\""));
        replica = RedisProcess.server("ha-replica", List.of("appendonly no", "save \"\"",
                                                            "replicaof 127.0.0.1 " + primary.port()));
        for (int i = 1; i <= 3; i++) {
            sentinels.add(RedisProcess.sentinel("ha-sentinel-" + i, List.of(
                    "sentinel monitor " + MASTER + " 127.0.0.1 " + primary.port() + " 2",
                    "sentinel down-after-milliseconds " + MASTER + " 1000",
                    "sentinel failover-timeout " + MASTER + " 2000",
                    "sentinel parallel-syncs " + MASTER + " 1")));
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

    /** px0's settings to find the primary through these Sentinels. */
    public Map<String, String> settings() {
        return Map.of("px0.redis.sentinels", sentinels.stream().map(RedisProcess::hostPort).collect(Collectors.joining(",")),
                      "px0.redis.sentinel.master", MASTER);
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
