package dev.px0.http;

import java.time.Duration;

import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import jakarta.json.Json;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;

/** The one error type: its Retry-After in whole seconds rounded up, and its extra body members in order. */
class ApiExceptionTest {

    @Test
    void retryAfterIsTheWaitInWholeSecondsRoundedUpAndAtLeastOne() {
        assertThat(retryAfter(Duration.ZERO), is("1"));
        assertThat(retryAfter(Duration.ofMillis(1)), is("1"));
        assertThat(retryAfter(Duration.ofMillis(1000)), is("1"));
        assertThat(retryAfter(Duration.ofMillis(1001)), is("2"));
        assertThat(retryAfter(Duration.ofMinutes(15)), is("900"));
    }

    @Test
    void unavailableAsksForARetryInASecond() {
        ApiException busy = ApiException.unavailable("server busy");
        assertThat(busy.status().code(), is(503));
        assertThat(busy.headers(), contains(HeaderValues.create(HeaderNames.RETRY_AFTER, "1")));
    }

    @Test
    void membersFollowTheErrorInTheOrderGiven() {
        ApiException e = ApiException.badRequest("x").with("b", Json.createValue(1)).with("a", Json.createValue(2));
        assertThat(e.members().keySet(), contains("b", "a"));
    }

    private static String retryAfter(Duration wait) {
        ApiException e = ApiException.tooManyRequests("too many requests", wait);
        assertThat(e.status().code(), is(429));
        return e.headers().getFirst().get();
    }
}
