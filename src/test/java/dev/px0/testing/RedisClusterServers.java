package dev.px0.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import redis.clients.jedis.Jedis;

/**
 * A Redis Cluster of three primaries (no replicas), real processes started by the test (see {@link RedisProcess}):
 * the 16,384 slots are split in three, the nodes are introduced with {@code CLUSTER MEET}, and the constructor
 * returns once every node reports {@code cluster_state:ok} and knows the two others. No {@code redis-cli} needed.
 */
public final class RedisClusterServers implements AutoCloseable {

    private static final int SLOTS = 16_384;

    private final List<RedisProcess> nodes = new ArrayList<>();

    public RedisClusterServers() {
        for (int i = 1; i <= 3; i++) {
            nodes.add(RedisProcess.clusterServer("cluster-" + i, List.of("cluster-enabled yes", "cluster-config-file nodes.conf",
                                                                 "cluster-node-timeout 2000", "appendonly no", "save \"\"")));
        }
        for (int i = 0; i < nodes.size(); i++) {
            int from = i * SLOTS / nodes.size();
            int to = (i + 1) * SLOTS / nodes.size();
            try (Jedis jedis = nodes.get(i).jedis()) {
                jedis.clusterAddSlots(IntStream.range(from, to).toArray());
                if (i > 0) {
                    jedis.clusterMeet("127.0.0.1", nodes.getFirst().port());
                }
            }
        }
        Poll.until("the cluster is formed", Duration.ofSeconds(60), () -> {
            for (RedisProcess node : nodes) {
                try (Jedis jedis = node.jedis()) {
                    String info = jedis.clusterInfo();
                    if (!info.contains("cluster_state:ok") || !info.contains("cluster_known_nodes:3")) {
                        return false;
                    }
                } catch (RuntimeException e) {
                    return false;
                }
            }
            return true;
        });
    }

    public List<RedisProcess> nodes() {
        return nodes;
    }

    /** px0's settings to use this cluster; {@code PX0_REDIS_URL} points nowhere, to show it is not used. */
    public Map<String, String> settings() {
        return Map.of("px0.redis.cluster", nodes.stream().map(RedisProcess::hostPort).collect(Collectors.joining(",")),
                      "px0.redis.url", "redis://127.0.0.1:1");
    }

    /** How many keys matching the pattern each node holds (SCAN on every node). */
    public List<Integer> keysPerNode(String pattern) {
        List<Integer> counts = new ArrayList<>();
        for (RedisProcess node : nodes) {
            try (Jedis jedis = node.jedis()) {
                counts.add(jedis.keys(pattern).size());
            }
        }
        return counts;
    }

    @Override
    public void close() {
        nodes.forEach(RedisProcess::close);
    }
}
