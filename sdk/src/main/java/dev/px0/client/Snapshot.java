package dev.px0.client;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The snapshot file: every version the client holds, as px0 sent it, rewritten (atomically: a temporary file
 * moved over it) after every change, so a client that starts while px0 is down serves the last known prompts.
 * It holds prompts only, never the API key.
 */
final class Snapshot {

    /** One held prompt: what it was asked by and the version px0 sent. */
    record Entry(HeldPrompts.Key key, String etag, JsonNode version) {
    }

    private final Path file;
    private final String project;

    Snapshot(Path file, String project) {
        this.file = file;
        this.project = project;
    }

    Path file() {
        return file;
    }

    /** What the file holds for this project; empty when there is no file (or it is another project's). */
    List<Entry> read() throws IOException {
        List<Entry> entries = new ArrayList<>();
        if (!Files.exists(file)) {
            return entries;
        }
        JsonNode root = Fetcher.JSON.readTree(file.toFile());
        if (!project.equals(root.path("project").asText()) || root.path("format").asInt() != 1) {
            return entries;
        }
        for (JsonNode p : root.path("prompts")) {
            entries.add(new Entry(new HeldPrompts.Key(p.get("slug").asText(), p.get("ref").asText(),
                                                    p.get("by_version").asBoolean()),
                                  p.hasNonNull("etag") ? p.get("etag").asText() : null, p.get("version")));
        }
        return entries;
    }

    /** Replaces the file with what is held now. */
    void write(Map<HeldPrompts.Key, HeldPrompts.Held> held) throws IOException {
        ObjectNode root = Fetcher.JSON.createObjectNode().put("format", 1).put("project", project);
        ArrayNode prompts = root.putArray("prompts");
        held.forEach((key, h) -> {
            if (h.version() != null) {
                prompts.addObject().put("slug", key.slug()).put("ref", key.ref()).put("by_version", key.byVersion())
                        .put("etag", h.prompt().etag()).set("version", h.version());
            }
        });
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Path temporary = Files.createTempFile(parent, file.getFileName().toString(), ".tmp");
        try {
            Fetcher.JSON.writeValue(temporary.toFile(), root);
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
