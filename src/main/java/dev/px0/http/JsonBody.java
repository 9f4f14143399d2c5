package dev.px0.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;

import io.helidon.http.HttpMediaType;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import jakarta.json.Json;
import jakarta.json.JsonConfig;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;

/**
 * Reads a request body that must be one JSON object. Anything else (no body, another content type, invalid
 * UTF-8, malformed JSON, duplicate keys, nesting past 1,000 levels, an array or a scalar) is
 * {@code 400 invalid request body}. A string anywhere in it (a key or a value) that PostgreSQL could not store,
 * one with a NUL character or an unpaired surrogate ({@code "\u0000"}, {@code "\ud800"}), is refused here too, with
 * {@code 400 invalid request body: a string holds a nul character} (or {@code an unpaired surrogate}).
 * The size is already capped by the server's maximum payload size ({@code maxPayloadSize} of the listener the
 * request came in on, which px0 sets), and that limit is what is read here.
 */
public final class JsonBody {

    // KEY_STRATEGY NONE is JSON-P's way to refuse duplicate keys; Parsson (the implementation Helidon ships)
    // applies it to JsonParser.getObject() only with its own switch, so both are set.
    private static final JsonParserFactory PARSERS = Json.createParserFactory(
            Map.of(JsonConfig.KEY_STRATEGY, JsonConfig.KeyStrategy.NONE,
                   "org.eclipse.parsson.rejectDuplicateKeys", true));

    private JsonBody() {
    }

    /** The body as a JSON object. */
    public static JsonObject object(ServerRequest req) {
        if (!isJson(req) || !req.content().hasEntity()) {
            throw ApiException.invalidRequestBody();
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes(req)))
                    .toString();
        } catch (CharacterCodingException e) {
            throw ApiException.invalidRequestBody();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (JsonParser parser = PARSERS.createParser(new StringReader(text))) {
            if (!parser.hasNext() || parser.next() != JsonParser.Event.START_OBJECT) {
                throw ApiException.invalidRequestBody();
            }
            JsonObject object = parser.getObject();
            if (parser.hasNext()) {
                throw ApiException.invalidRequestBody(); // a second value after the object
            }
            String problem = unstorable(object);
            if (problem != null) {
                throw new ApiException(Status.BAD_REQUEST_400, "invalid request body: a string holds " + problem);
            }
            return object;
        } catch (ApiException e) {
            throw e;
        } catch (RuntimeException e) {
            // JsonException for malformed JSON; also whatever else the parser throws on hostile input, such as
            // Parsson's plain RuntimeException past its nesting limit (1,000)
            throw ApiException.invalidRequestBody();
        }
    }

    /**
     * The body's bytes. With a Content-Length (the server has refused one over the limit already) exactly that many
     * are read into one array; {@code readAllBytes} would grow buffers for a body of a few hundred bytes.
     */
    private static byte[] bytes(ServerRequest req) throws IOException {
        OptionalLong length = req.headers().contentLength();
        long limit = req.listenerContext().config().maxPayloadSize(); // not positive: no limit
        try (InputStream in = req.content().inputStream()) {
            if (length.isEmpty()) {
                return in.readAllBytes();
            }
            long wanted = limit > 0 ? Math.min(length.getAsLong(), limit) : length.getAsLong();
            return in.readNBytes((int) Math.min(wanted, Integer.MAX_VALUE));
        }
    }

    /** Why a string in the value cannot be stored (see {@link Text#unstorable}), or null. Depth is bounded by the parser. */
    private static String unstorable(JsonValue value) {
        switch (value.getValueType()) {
            case STRING:
                return Text.unstorable(((JsonString) value).getChars());
            case OBJECT:
                for (Map.Entry<String, JsonValue> member : value.asJsonObject().entrySet()) {
                    String problem = Text.unstorable(member.getKey());
                    if (problem == null) {
                        problem = unstorable(member.getValue());
                    }
                    if (problem != null) {
                        return problem;
                    }
                }
                return null;
            case ARRAY:
                for (JsonValue item : value.asJsonArray()) {
                    String problem = unstorable(item);
                    if (problem != null) {
                        return problem;
                    }
                }
                return null;
            default:
                return null;
        }
    }

    /**
     * A required one-line string member (a name, a slug, a role): as {@link #string}, and {@code 400 invalid <name>:
     * control characters are not allowed} when it holds a tab, a line break or another control character.
     */
    public static String line(JsonObject body, String name) {
        String value = string(body, name);
        if (Text.hasControl(value)) {
            throw new ApiException(Status.BAD_REQUEST_400, "invalid " + name + ": control characters are not allowed");
        }
        return value;
    }

    /** A required string member; missing, null or another type is {@code 400 invalid request body}. */
    public static String string(JsonObject body, String name) {
        if (body.get(name) instanceof JsonString s) {
            return s.getString();
        }
        throw ApiException.invalidRequestBody();
    }

    private static boolean isJson(ServerRequest req) {
        return req.headers().contentType()
                .map(HttpMediaType::mediaType)
                .map(type -> type.type().equalsIgnoreCase("application")
                        && (type.subtype().equalsIgnoreCase("json") || type.subtype().toLowerCase(Locale.ROOT).endsWith("+json")))
                .orElse(true);
    }
}
