package dev.px0.store;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.px0.config.InvalidSettingException;
import dev.px0.testing.TestStores;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The Redis topology settings: a single Redis, Sentinel or Cluster, and what each refuses. */
class RedisSettingsTest {

    private static RedisSettings redis(Map<String, String> values) {
        return TestStores.get().settings(values).redis();
    }

    @Test
    void byDefaultASingleRedis() {
        RedisSettings redis = redis(Map.of());

        assertThat(redis.sentinel(), is(Optional.empty()));
        assertThat(redis.cluster(), is(List.of()));
    }

    @Test
    void sentinelsWithTheirMasterName() {
        RedisSettings redis = redis(Map.of("px0.redis.sentinels", " s1:26379, 10.0.0.2:26380,[::1]:26381 ",
                                            "px0.redis.sentinel.master", "mymaster"));

        RedisSettings.Sentinel sentinel = redis.sentinel().orElseThrow();
        assertThat(sentinel.nodes(), is(List.of(new RedisSettings.Endpoint("s1", 26379),
                                                new RedisSettings.Endpoint("10.0.0.2", 26380),
                                                new RedisSettings.Endpoint("::1", 26381))));
        assertThat(sentinel.master(), is("mymaster"));
        assertThat(sentinel.password(), is(""));
        assertThat(redis.cluster(), is(List.of()));
    }

    @Test
    void theSentinelPasswordIsNeverShown() {
        RedisSettings redis = redis(Map.of("px0.redis.sentinels", "s1:26379", "px0.redis.sentinel.master", "m",
                                            "px0.redis.sentinel.password", "s3ntinel-secret"));

        assertThat(redis.sentinel().orElseThrow().password(), is("s3ntinel-secret"));
        assertThat(redis.sentinel().orElseThrow().toString(), not(containsString("s3ntinel-secret")));
        assertThat(redis.sentinel().orElseThrow().toString(), containsString("<hidden>"));
    }

    @Test
    void clusterNodes() {
        RedisSettings redis = redis(Map.of("px0.redis.cluster", "r1:7000,r2:7001,r3:7002"));

        assertThat(redis.cluster(), is(List.of(new RedisSettings.Endpoint("r1", 7000), new RedisSettings.Endpoint("r2", 7001),
                                               new RedisSettings.Endpoint("r3", 7002))));
        assertThat(redis.sentinel(), is(Optional.empty()));
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
            "PX0_REDIS_SENTINELS|px0.redis.sentinels|s1",
            "PX0_REDIS_SENTINELS|px0.redis.sentinels|s1:",
            "PX0_REDIS_SENTINELS|px0.redis.sentinels|:26379",
            "PX0_REDIS_SENTINELS|px0.redis.sentinels|s1:0",
            "PX0_REDIS_SENTINELS|px0.redis.sentinels|s1:70000",
            "PX0_REDIS_SENTINELS|px0.redis.sentinels|s1:port",
            "PX0_REDIS_SENTINELS|px0.redis.sentinels|s1:26379,,s2:26379",
            "PX0_REDIS_SENTINELS|px0.redis.sentinels|s1:26379,s1:26379",
            "PX0_REDIS_SENTINELS|px0.redis.sentinels|::1:26379",
            "PX0_REDIS_SENTINELS|px0.redis.sentinels|redis://s1:26379",
            "PX0_REDIS_CLUSTER|px0.redis.cluster|r1:7000;r2:7001",
            "PX0_REDIS_CLUSTER|px0.redis.cluster|r1 r2:7000",
    })
    void badAddressListsFailNamingTheSetting(String env, String key, String value) {
        Map<String, String> values = key.equals("px0.redis.sentinels")
                ? Map.of(key, value, "px0.redis.sentinel.master", "mymaster") : Map.of(key, value);

        var e = assertThrows(InvalidSettingException.class, () -> redis(values));

        assertThat(e.getMessage(), containsString(env));
        assertThat(e.getMessage(), containsString("host:port"));
    }

    @Test
    void sentinelsNeedTheirMasterName() {
        var e = assertThrows(InvalidSettingException.class,
                             () -> redis(Map.of("px0.redis.sentinels", "s1:26379")));

        assertThat(e.getMessage(), is("invalid configuration: PX0_REDIS_SENTINELS and PX0_REDIS_SENTINEL_MASTER must be set together"));
    }

    @Test
    void aMasterNameNeedsSentinels() {
        var e = assertThrows(InvalidSettingException.class,
                             () -> redis(Map.of("px0.redis.sentinel.master", "mymaster")));

        assertThat(e.getMessage(), containsString("PX0_REDIS_SENTINELS and PX0_REDIS_SENTINEL_MASTER must be set together"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"my master", "m\tx"})
    void aMasterNameHasNoSpaces(String name) {
        var e = assertThrows(InvalidSettingException.class,
                             () -> redis(Map.of("px0.redis.sentinels", "s1:26379", "px0.redis.sentinel.master", name)));

        assertThat(e.getMessage(), containsString("PX0_REDIS_SENTINEL_MASTER"));
    }

    @Test
    void sentinelAndClusterExcludeEachOther() {
        var e = assertThrows(InvalidSettingException.class,
                             () -> redis(Map.of("px0.redis.sentinels", "s1:26379", "px0.redis.sentinel.master", "m",
                                                "px0.redis.cluster", "r1:7000")));

        assertThat(e.getMessage(), is("invalid configuration: PX0_REDIS_SENTINELS and PX0_REDIS_CLUSTER cannot both be set"));
    }

    @Test
    void aClusterHasOnlyDatabaseZeroAndThePasswordIsNotEchoed() {
        var e = assertThrows(InvalidSettingException.class,
                             () -> redis(Map.of("px0.redis.cluster", "r1:7000",
                                                "px0.redis.url", "redis://:cluster-secret@ignored:6379/2")));

        assertThat(e.getMessage(), containsString("PX0_REDIS_URL"));
        assertThat(e.getMessage(), containsString("database 0"));
        assertThat(e.getMessage(), not(containsString("cluster-secret")));
    }
}
