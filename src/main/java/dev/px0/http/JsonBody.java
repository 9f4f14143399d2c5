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

import dev.px0.Px0;

import io.helidon.http.HttpMediaType;
import io.helidon.webserver.http.ServerRequest;
import jakarta.json.Json;
import jakarta.json.JsonConfig;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;

/**
 * Reads a request body that must be one JSON object. Anything else (no body, another content type, invalid
 * UTF-8, malformed JSON, duplicate keys, an array or a scalar) is {@code 400 invalid request body}.
 * The size is already capped by the server's maximum payload size.
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
        try (InputStream in = req.content().inputStream()) {
            return length.isPresent() ? in.readNBytes((int) Math.min(length.getAsLong(), Px0.MAX_BODY_BYTES))
                    : in.readAllBytes();
        }
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
