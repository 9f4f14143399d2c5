package dev.px0.store;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import dev.px0.config.InvalidSettingException;
import dev.px0.config.Secrets;
import dev.px0.config.Section;

import io.helidon.config.Config;

/**
 * Redis connection settings ({@code px0.redis}); {@code uri} is {@code redis://} or {@code rediss://}. With
 * {@code sentinel} or a non-empty {@code cluster}, px0 finds its servers through them and takes only the credentials,
 * TLS and database of {@code uri}, never its host and port.
 */
public record RedisSettings(URI uri, int poolSize, Duration timeout, Optional<Sentinel> sentinel, List<Endpoint> cluster) {

    /** A single Redis at {@code uri}. */
    public RedisSettings(URI uri, int poolSize, Duration timeout) {
        this(uri, poolSize, timeout, Optional.empty(), List.of());
    }

    public RedisSettings {
        cluster = List.copyOf(cluster);
    }

    /** A Redis server's address, as written in {@code host:port} lists. */
    public record Endpoint(String host, int port) {
        @Override
        public String toString() {
            return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
        }
    }

    /** Sentinels that name the primary of {@code master}; {@code password} (empty: none) is the Sentinels' own. */
    public record Sentinel(List<Endpoint> nodes, String master, String password) {
        public Sentinel {
            nodes = List.copyOf(nodes);
        }

        @Override
        public String toString() {
            return "Sentinel[nodes=" + nodes + ", master=" + master + ", password=" + (password.isEmpty() ? "" : "<hidden>")
                    + "]";
        }
    }

    /** Reads and checks {@code px0.redis}. */
    public static RedisSettings from(Config redis) {
        Section in = new Section(redis);
        URI uri = in.read("url", RedisSettings::redisUri, "a URL such as redis://host:6379");
        int poolSize = in.read("pool.size", s -> Section.intIn(s, 1, 10_000), "a whole number from 1 to 10000");
        Duration timeout = in.read("timeout", s -> Section.duration(s, Duration.ofMillis(10)),
                                   "an ISO-8601 duration of at least PT0.01S, such as PT1S");
        String pairs = "comma-separated host:port pairs such as ";
        List<Endpoint> sentinels = in.read("sentinels", RedisSettings::endpoints,
                                           pairs + "sentinel-1:26379,sentinel-2:26379,sentinel-3:26379");
        String master = in.read("sentinel.master", RedisSettings::masterName,
                                "a master name as in sentinel.conf, without spaces, such as mymaster");
        String sentinelPassword = in.secret("sentinel.password");
        List<Endpoint> cluster = in.read("cluster", RedisSettings::endpoints, pairs + "redis-1:6379,redis-2:6379,redis-3:6379");
        if (!sentinels.isEmpty() && !cluster.isEmpty()) {
            throw new InvalidSettingException("PX0_REDIS_SENTINELS and PX0_REDIS_CLUSTER cannot both be set");
        }
        if (sentinels.isEmpty() != master.isEmpty()) {
            throw new InvalidSettingException("PX0_REDIS_SENTINELS and PX0_REDIS_SENTINEL_MASTER must be set together");
        }
        if (!cluster.isEmpty() && uri.getPath() != null && uri.getPath().length() > 1) {
            throw new InvalidSettingException("PX0_REDIS_URL (px0.redis.url) must not name a database with "
                                                      + "PX0_REDIS_CLUSTER: Redis Cluster has only database 0");
        }
        Optional<Sentinel> sentinel = sentinels.isEmpty() ? Optional.empty()
                : Optional.of(new Sentinel(sentinels, master, sentinelPassword));
        return new RedisSettings(uri, poolSize, timeout, sentinel, cluster);
    }

    /** {@code host:port,host:port,…} ({@code [v6 address]:port} for IPv6); empty for none. */
    static List<Endpoint> endpoints(String value) {
        if (value.isBlank()) {
            return List.of();
        }
        List<Endpoint> endpoints = new ArrayList<>();
        for (String part : value.split(",", -1)) {
            String pair = part.strip();
            int colon = pair.lastIndexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException();
            }
            String host = pair.substring(0, colon);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            } else if (host.indexOf(':') >= 0) {
                throw new IllegalArgumentException();
            }
            if (host.isEmpty() || host.chars().anyMatch(c -> Character.isWhitespace(c) || c == '/' || c == '@')) {
                throw new IllegalArgumentException();
            }
            Endpoint endpoint = new Endpoint(host, Section.intIn(pair.substring(colon + 1), 1, 65_535));
            if (endpoints.contains(endpoint)) {
                throw new IllegalArgumentException();
            }
            endpoints.add(endpoint);
        }
        return List.copyOf(endpoints);
    }

    private static String masterName(String value) {
        String name = value.strip();
        if (name.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            throw new IllegalArgumentException();
        }
        return name;
    }

    private static URI redisUri(String value) {
        URI uri = URI.create(value);
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("redis") && !scheme.equals("rediss") || uri.getHost() == null) {
            throw new IllegalArgumentException();
        }
        return uri;
    }

    @Override
    public String toString() {
        return "Redis[uri=" + Secrets.url(uri.toString()) + ", poolSize=" + poolSize + ", timeout=" + timeout
                + ", sentinel=" + sentinel + ", cluster=" + cluster + "]";
    }
}
