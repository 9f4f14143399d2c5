package dev.px0.examples.render;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.px0.client.Message;
import dev.px0.client.Px0UnavailableException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The application renders its prompts with px0 away (no px0 listens where it points, so no server is needed): first
 * from the snapshot its last run left (src/test/resources/px0-prompts.json, as the SDK writes it), then, with no
 * snapshot at all, from its fallback.
 */
class SupportRepliesTest {

    @TempDir
    Path dir;

    @Test
    void aColdStartWithPx0AwayRendersThePublishedPromptsFromTheSnapshot() throws IOException {
        Path snapshot = dir.resolve("px0-prompts.json");
        try (InputStream in = getClass().getResourceAsStream("/px0-prompts.json")) {
            Files.copy(in, snapshot);
        }
        try (SupportReplies replies = SupportReplies.connect(env(), snapshot)) {
            assertEquals("Hi Ada! We are on it: billing.", replies.reply("Ada", "billing"));
            assertEquals(List.of(new Message("system", "Sort support tickets into billing, bug or other."),
                                 new Message("user", "Ticket: I was charged twice")),
                         replies.triage("I was charged twice"));
        }
    }

    @Test
    void withNothingKnownTheReplyComesFromTheFallbackAndTheRestIsUnavailable() {
        try (SupportReplies replies = SupportReplies.connect(env(), dir.resolve("none-yet.json"))) {
            assertEquals("Hello Ada, we got your message about billing.", replies.reply("Ada", "billing"));
            assertThrows(Px0UnavailableException.class, () -> replies.triage("I was charged twice"));
        }
    }

    /** PX0_URL where nothing listens, a key and the project of the snapshot. */
    private static Map<String, String> env() {
        return Map.of("PX0_URL", "http://127.0.0.1:" + closedPort(), "PX0_API_KEY", "px0_example-key-example-key",
                      "PX0_PROJECT", "support");
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
