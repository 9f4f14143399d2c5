package dev.px0.prompt;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.px0.store.Rows;

import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbRow;

/** Prompts, versions, labels and label history in PostgreSQL. Methods taking a {@link DbExecute} run in its transaction. */
final class PromptStore {

    private static final String PROMPT_COLUMNS = "p.id, p.slug, p.name, p.description, p.type, p.created_at, "
            + "COALESCE((SELECT json_object_agg(l.name, l.version ORDER BY l.name) FROM prompt_labels l "
            + "WHERE l.prompt_id = p.id), '{}')::text AS labels";
    private static final String VERSION_COLUMNS = "v.prompt_id, v.number, v.template, v.messages::text AS messages, "
            + "v.config::text AS config, v.message, v.variables::text AS variables, v.created_by, v.created_at";

    private final DbClient db;

    PromptStore(DbClient db) {
        this.db = db;
    }

    /** A prompt with its labels ({@code labels} is a JSON object of name to version number). */
    public record Prompt(UUID id, String slug, String name, String description, String type, Instant createdAt,
                         String labels) {
    }

    /** An immutable version; JSON columns as text. */
    public record Version(UUID promptId, int number, String template, String messages, String config, String message,
                          String variables, UUID createdBy, Instant createdAt) {
    }

    /** A label move as history keeps it. */
    public record LabelMove(Integer version, Integer previousVersion, UUID updatedBy, Instant updatedAt) {
    }

    public Optional<Prompt> create(DbExecute tx, UUID projectId, String slug, String name, String description, String type) {
        Optional<UUID> id = tx.get("INSERT INTO prompts (id, project_id, slug, name, description, type) "
                                           + "VALUES (?::uuid, ?::uuid, ?, ?, ?, ?) ON CONFLICT (project_id, slug) DO NOTHING "
                                           + "RETURNING id", UUID.randomUUID().toString(), projectId.toString(), slug, name,
                                   description, type)
                .map(row -> UUID.fromString(Rows.string(row, "id")));
        return id.flatMap(i -> tx.get("SELECT " + PROMPT_COLUMNS + " FROM prompts p WHERE p.id = ?::uuid", i.toString())
                .map(PromptStore::prompt));
    }

    public Optional<Prompt> find(UUID projectId, String slug) {
        return db.execute().get("SELECT " + PROMPT_COLUMNS + " FROM prompts p WHERE p.project_id = ?::uuid AND p.slug = ?",
                                projectId.toString(), slug).map(PromptStore::prompt);
    }

    public List<Prompt> list(UUID projectId) {
        return Rows.list(db.execute().query("SELECT " + PROMPT_COLUMNS + " FROM prompts p WHERE p.project_id = ?::uuid "
                                                    + "ORDER BY p.slug", projectId.toString()), PromptStore::prompt);
    }

    /** Locks the prompt row: every change to its versions and labels is serialized on it. */
    public Optional<Locked> lock(DbExecute tx, UUID projectId, String slug) {
        return tx.get("SELECT id, type, next_version FROM prompts WHERE project_id = ?::uuid AND slug = ? FOR UPDATE",
                      projectId.toString(), slug)
                .map(row -> new Locked(UUID.fromString(Rows.string(row, "id")), Rows.string(row, "type"),
                                       row.column("next_version").get(Integer.class)));
    }

    /** A prompt row under lock. */
    public record Locked(UUID id, String type, int nextVersion) {
    }

    public void delete(DbExecute tx, UUID promptId) {
        tx.delete("DELETE FROM prompts WHERE id = ?::uuid", promptId.toString());
    }

    /** Writes version {@code number} (the locked row's next number) and advances the counter. */
    public Version insertVersion(DbExecute tx, Locked prompt, String template, String messages, String config,
                                 String message, String variables, UUID createdBy) {
        tx.update("UPDATE prompts SET next_version = next_version + 1 WHERE id = ?::uuid", prompt.id().toString());
        tx.insert("INSERT INTO prompt_versions (prompt_id, number, template, messages, config, message, variables, created_by) "
                          + "VALUES (?::uuid, ?, ?, ?::jsonb, ?::jsonb, ?, ?::jsonb, ?::uuid)",
                  prompt.id().toString(), prompt.nextVersion(), template, messages, config, message, variables,
                  createdBy == null ? null : createdBy.toString());
        return tx.get("SELECT " + VERSION_COLUMNS + " FROM prompt_versions v WHERE v.prompt_id = ?::uuid AND v.number = ?",
                      prompt.id().toString(), prompt.nextVersion()).map(PromptStore::version).orElseThrow();
    }

    public Optional<Version> version(UUID promptId, int number) {
        return db.execute().get("SELECT " + VERSION_COLUMNS + " FROM prompt_versions v WHERE v.prompt_id = ?::uuid "
                                        + "AND v.number = ?", promptId.toString(), number).map(PromptStore::version);
    }

    public Optional<Version> versionOfLabel(UUID promptId, String label) {
        return db.execute().get("SELECT " + VERSION_COLUMNS + " FROM prompt_labels l JOIN prompt_versions v "
                                        + "ON v.prompt_id = l.prompt_id AND v.number = l.version "
                                        + "WHERE l.prompt_id = ?::uuid AND l.name = ?", promptId.toString(), label)
                .map(PromptStore::version);
    }

    /** What render needs, in one indexed query: the prompt's type and the version a label or number names. */
    public record RenderSource(UUID promptId, String type, Optional<Version> version) {
    }

    /** Empty when the prompt does not exist; an empty version when the label or number names none. */
    public Optional<RenderSource> renderSource(UUID projectId, String slug, String label, Integer number) {
        return db.execute().get("SELECT p.id AS the_prompt_id, p.type, " + VERSION_COLUMNS + " FROM prompts p "
                                        + "LEFT JOIN prompt_labels l ON l.prompt_id = p.id AND l.name = ? "
                                        + "LEFT JOIN prompt_versions v ON v.prompt_id = p.id "
                                        + "AND v.number = COALESCE(?::integer, l.version) "
                                        + "WHERE p.project_id = ?::uuid AND p.slug = ?",
                                label, number, projectId.toString(), slug)
                .map(row -> new RenderSource(UUID.fromString(Rows.string(row, "the_prompt_id")), Rows.string(row, "type"),
                                             row.column("number").asOptional().isPresent()
                                                     ? Optional.of(version(row)) : Optional.empty()));
    }

    /** Versions newest first, below {@code before} (exclusive; 0 = from the newest). */
    public List<Version> versions(UUID promptId, int before, int limit) {
        return Rows.list(db.execute().query("SELECT " + VERSION_COLUMNS + " FROM prompt_versions v "
                                                    + "WHERE v.prompt_id = ?::uuid AND (? = 0 OR v.number < ?) "
                                                    + "ORDER BY v.number DESC LIMIT ?",
                                            promptId.toString(), before, before, limit), PromptStore::version);
    }

    public boolean versionExists(DbExecute tx, UUID promptId, int number) {
        return tx.get("SELECT 1 FROM prompt_versions WHERE prompt_id = ?::uuid AND number = ?",
                      promptId.toString(), number).isPresent();
    }

    public Optional<Integer> label(DbExecute tx, UUID promptId, String name) {
        return tx.get("SELECT version FROM prompt_labels WHERE prompt_id = ?::uuid AND name = ?", promptId.toString(), name)
                .map(row -> row.column("version").get(Integer.class));
    }

    /** Points the label at the version and records the move; returns when it happened. */
    public Instant moveLabel(DbExecute tx, UUID promptId, String name, int version, Integer previous, UUID by) {
        Instant at = tx.get("INSERT INTO prompt_labels (prompt_id, name, version, updated_by) VALUES (?::uuid, ?, ?, ?::uuid) "
                                    + "ON CONFLICT (prompt_id, name) DO UPDATE SET version = EXCLUDED.version, "
                                    + "updated_by = EXCLUDED.updated_by, updated_at = now() RETURNING updated_at",
                            promptId.toString(), name, version, by == null ? null : by.toString())
                .map(row -> Rows.instant(row, "updated_at")).orElseThrow();
        recordMove(tx, promptId, name, version, previous, by);
        return at;
    }

    /** Removes the label and records it in the history. */
    public void deleteLabel(DbExecute tx, UUID promptId, String name, int previous, UUID by) {
        tx.delete("DELETE FROM prompt_labels WHERE prompt_id = ?::uuid AND name = ?", promptId.toString(), name);
        recordMove(tx, promptId, name, null, previous, by);
    }

    public List<LabelMove> history(UUID promptId, String name) {
        return Rows.list(db.execute().query("SELECT version, previous_version, updated_by, updated_at FROM prompt_label_history "
                                                    + "WHERE prompt_id = ?::uuid AND name = ? ORDER BY id DESC",
                                            promptId.toString(), name),
                         row -> new LabelMove(integer(row, "version"), integer(row, "previous_version"),
                                              Optional.ofNullable(Rows.string(row, "updated_by")).map(UUID::fromString)
                                                      .orElse(null),
                                              Rows.instant(row, "updated_at")));
    }

    private void recordMove(DbExecute tx, UUID promptId, String name, Integer version, Integer previous, UUID by) {
        tx.insert("INSERT INTO prompt_label_history (prompt_id, name, version, previous_version, updated_by) "
                          + "VALUES (?::uuid, ?, ?::integer, ?::integer, ?::uuid)",
                  promptId.toString(), name, version, previous, by == null ? null : by.toString());
    }

    private static Integer integer(DbRow row, String column) {
        return row.column(column).asOptional().map(v -> ((Number) v).intValue()).orElse(null);
    }

    private static Prompt prompt(DbRow row) {
        return new Prompt(UUID.fromString(Rows.string(row, "id")), Rows.string(row, "slug"), Rows.string(row, "name"),
                          Rows.string(row, "description"), Rows.string(row, "type"), Rows.instant(row, "created_at"),
                          Rows.string(row, "labels"));
    }

    private static Version version(DbRow row) {
        return new Version(UUID.fromString(Rows.string(row, "prompt_id")), row.column("number").get(Integer.class),
                           Rows.string(row, "template"), Rows.string(row, "messages"), Rows.string(row, "config"),
                           Rows.string(row, "message"), Rows.string(row, "variables"),
                           Optional.ofNullable(Rows.string(row, "created_by")).map(UUID::fromString).orElse(null),
                           Rows.instant(row, "created_at"));
    }
}
