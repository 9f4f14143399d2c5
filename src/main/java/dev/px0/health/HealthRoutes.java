package dev.px0.health;

import static dev.px0.http.Routes.get;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;

import dev.px0.http.JsonResponses;
import dev.px0.http.Routes;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import jakarta.json.JsonArrayBuilder;

/**
 * {@code GET /v1/health}: {@code 200 {"status":"OK"}} when PostgreSQL and Redis both answer, else
 * {@code 503 {"error":"service unavailable","status":"DOWN","down":[...]}} naming the stores that did not.
 * Both stores are asked at once, each within its own timeout.
 */
public final class HealthRoutes implements HttpService {

    private final BooleanSupplier postgresql;
    private final BooleanSupplier redis;

    public HealthRoutes(BooleanSupplier postgresql, BooleanSupplier redis) {
        this.postgresql = postgresql;
        this.redis = redis;
    }

    @Override
    public void routing(HttpRules rules) {
        Routes.on(rules)
                .path("/", get(this::health));
    }

    private void health(ServerRequest req, ServerResponse res) {
        boolean pgUp;
        boolean redisUp;
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            CompletableFuture<Boolean> pg = CompletableFuture.supplyAsync(postgresql::getAsBoolean, executor);
            CompletableFuture<Boolean> rd = CompletableFuture.supplyAsync(redis::getAsBoolean, executor);
            pgUp = pg.join();
            redisUp = rd.join();
        }
        if (pgUp && redisUp) {
            JsonResponses.send(res, Status.OK_200, JsonResponses.object().add("status", "OK").build());
            return;
        }
        JsonArrayBuilder down = JsonResponses.array();
        if (!pgUp) {
            down.add("postgresql");
        }
        if (!redisUp) {
            down.add("redis");
        }
        JsonResponses.send(res, Status.SERVICE_UNAVAILABLE_503, JsonResponses.object()
                .add("error", "service unavailable")
                .add("status", "DOWN")
                .add("down", down)
                .build());
    }
}
