package dev.px0.client;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.px0.template.PromptTemplate;

/** Fetches versions from px0 ({@code GET …/prompts/{slug}/versions/{ref}}) and compiles them into prompts. */
final class Fetcher {

    static final ObjectMapper JSON = new ObjectMapper();

    /** What a fetch found. */
    interface Result {
    }

    /** The version (its JSON object as px0 sent it) and its entity tag. */
    record Found(JsonNode version, String etag) implements Result {
    }

    /** {@code 304}: what the client holds is current. */
    record NotModified() implements Result {
    }

    /** {@code 404}, with px0's message ({@code prompt not found}, {@code label not found}, …). */
    record NotFound(String error) implements Result {
    }

    /**
     * px0 could not be reached, refused the API key ({@code keyRefused}) or did not answer as expected; {@code reason}
     * carries no secret.
     */
    record Failed(String reason, boolean keyRefused) implements Result {
        Failed(String reason) {
            this(reason, false);
        }
    }

    /** What {@code 401} means to the client, in words (without the key). */
    static final String KEY_REFUSED = "px0 refused the API key (401 unauthorized)";

    private final HttpClient http;
    private final URI base;
    private final String apiKey;
    private final Duration timeout;
    private final Telemetry telemetry;

    Fetcher(HttpClient http, URI projectBase, String apiKey, Duration timeout, Telemetry telemetry) {
        this.http = http;
        this.base = projectBase;
        this.apiKey = apiKey;
        this.timeout = timeout;
        this.telemetry = telemetry;
    }

    /** {@code ref}: a label name or a version number; {@code etag}: what the client holds, or null. */
    Result fetch(String slug, String ref, String etag) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("prompts/" + encode(slug) + "/versions/" + encode(ref)))
                .timeout(timeout)
                .header("X-API-Key", apiKey)
                .header("Accept", "application/json");
        if (etag != null) {
            request.header("If-None-Match", etag);
        }
        Result result = send(request.build());
        telemetry.fetched(result instanceof Found ? "ok" : result instanceof NotModified ? "not_modified"
                : result instanceof NotFound ? "not_found" : "failed");
        return result;
    }

    private Result send(HttpRequest request) {
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            return new Failed(describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Failed("interrupted");
        }
        int status = response.statusCode();
        try {
            if (status == 200) {
                JsonNode version = JSON.readTree(response.body()).get("version");
                if (version == null || !version.isObject()) {
                    return new Failed("px0 answered 200 without a version");
                }
                return new Found(version, response.headers().firstValue("ETag").orElse(null));
            }
            if (status == 304) {
                return new NotModified();
            }
            if (status == 401) {
                return new Failed(KEY_REFUSED, true);
            }
            if (status == 404) {
                JsonNode error = JSON.readTree(response.body()).get("error");
                return new NotFound(error == null ? "not found" : error.asText());
            }
        } catch (IOException e) {
            return new Failed("px0 answered " + status + " with a body that is not JSON");
        }
        return new Failed("px0 answered " + status);
    }

    /** An I/O failure in words, without the request (so without any header). */
    static String describe(IOException e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
    }

    static String encode(String part) {
        return URLEncoder.encode(part, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Compiles a version as px0 sent it. */
    static Prompt prompt(String slug, String label, JsonNode version, String etag, Prompt.Origin origin,
                         Telemetry telemetry) {
        List<Prompt.Part> parts = new ArrayList<>();
        String type;
        if (version.hasNonNull("template")) {
            type = "text";
            parts.add(new Prompt.Part(null, PromptTemplate.compile(version.get("template").asText())));
        } else {
            type = "chat";
            for (JsonNode message : version.get("messages")) {
                parts.add(new Prompt.Part(message.get("role").asText(),
                                          PromptTemplate.compile(message.get("content").asText())));
            }
        }
        return new Prompt(slug, version.get("number").asInt(), label, type, config(version.get("config")), parts, etag,
                          origin, telemetry);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> config(JsonNode config) {
        if (config == null || !config.isObject()) {
            return Map.of();
        }
        return Collections.unmodifiableMap(JSON.convertValue(config, Map.class));
    }
}
