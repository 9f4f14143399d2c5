package dev.px0.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.JsonWriter;
import jakarta.json.JsonWriterFactory;
import jakarta.json.spi.JsonProvider;

/** JSON responses in px0's conventions: snake_case, RFC 3339 UTC timestamps, {@code {"error": ...}} on failure. */
public final class JsonResponses {

    // BUILDERS.createObjectBuilder() looks the JSON-P provider up through ServiceLoader on every call: one factory,
    // made once, keeps that off the hot path.
    private static final JsonBuilderFactory BUILDERS = Json.createBuilderFactory(Map.of());
    // the same for single values: Json.createValue(...) looks the provider up on every call too
    private static final JsonProvider PROVIDER = JsonProvider.provider();
    private static final JsonWriterFactory WRITERS = PROVIDER.createWriterFactory(Map.of());
    private static final Header NO_STORE = HeaderValues.createCached(HeaderNames.CACHE_CONTROL, "no-store");

    private JsonResponses() {
    }

    /** A JSON string, or null. */
    public static JsonValue nullable(String value) {
        return value == null ? JsonValue.NULL : PROVIDER.createValue(value);
    }

    /** A JSON string of the object's text, or null. */
    public static JsonValue nullable(Object value) {
        return value == null ? JsonValue.NULL : PROVIDER.createValue(value.toString());
    }

    /** A JSON number, or null. */
    public static JsonValue nullable(Integer value) {
        return value == null ? JsonValue.NULL : PROVIDER.createValue(value);
    }

    /**
     * Sends a JSON body with the given status, serialized here and sent as bytes with its length: cheaper than the
     * media writer's streamed, chunk-checked output for bodies this small (measured on the render path).
     */
    public static void send(ServerResponse res, Status status, JsonObject body) {
        res.status(status);
        res.header(HeaderValues.CONTENT_TYPE_JSON);
        res.send(bytes(body));
    }

    /** Sends a JSON body that carries a token or user data: never to be cached. */
    public static void sendPrivate(ServerResponse res, Status status, JsonObject body) {
        res.header(NO_STORE);
        send(res, status, body);
    }

    /** Sends {@code {"error": message}}. */
    public static void error(ServerResponse res, Status status, String message) {
        send(res, status, BUILDERS.createObjectBuilder().add("error", message).build());
    }

    /** The bytes of {@code {"error": message}}, for responses written outside routing. */
    public static byte[] errorBytes(String message) {
        return bytes(BUILDERS.createObjectBuilder().add("error", message).build());
    }

    /** The body as UTF-8 JSON. */
    private static byte[] bytes(JsonObject body) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (JsonWriter writer = WRITERS.createWriter(bytes, StandardCharsets.UTF_8)) {
            writer.writeObject(body);
        }
        return bytes.toByteArray();
    }

    /** RFC 3339 in UTC with whole seconds, such as {@code 2026-11-28T10:15:30Z}. */
    public static String timestamp(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }

    public static JsonObjectBuilder object() {
        return BUILDERS.createObjectBuilder();
    }

    public static JsonArrayBuilder array() {
        return BUILDERS.createArrayBuilder();
    }
}
