package dev.px0.auth;

import java.time.Duration;

import dev.px0.http.ApiException;

import redis.clients.jedis.RedisClient;

/**
 * Per client address limit on the account endpoints that cost a password hash or could tell whether an account
 * exists (sign-up, verification resend, reset trigger and reset, password change, account deletion): at most
 * {@code PX0_ACCOUNT_IP_LIMIT} requests a minute from one address, all of those endpoints together, counted in
 * Redis so every node shares the count. The address is {@link dev.px0.http.ClientAddress}'s, so
 * {@code X-Forwarded-For} counts only from a trusted proxy.
 */
final class AccountLimit {

    private final RedisClient redis;
    private final int perMinute;

    AccountLimit(RedisClient redis, int perMinute) {
        this.redis = redis;
        this.perMinute = perMinute;
    }

    /**
     * Counts one request from this address.
     *
     * @throws ApiException {@code 429 too many requests} with the wait when the address is over the limit
     */
    public void count(String ip) {
        FixedWindow.count(redis, "px0:account-ip:" + ip, Duration.ofMinutes(1), perMinute).ifPresent(wait -> {
            throw AuthErrors.tooManyRequests(wait);
        });
    }
}
