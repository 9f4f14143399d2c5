package dev.px0.project;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.px0.store.Rows;

import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbRow;

/** API keys in PostgreSQL: found by the SHA-256 of the key, never by the key. */
final class ApiKeyStore {

    private static final String COLUMNS = "k.id, k.name, k.scope, k.prefix, k.created_at, k.last_used_at";

    private final DbClient db;

    ApiKeyStore(DbClient db) {
        this.db = db;
    }

    /** A key found by its hash, with its project. */
    public record Found(UUID keyId, Project project, ApiKey.Scope scope) {
    }

    public ApiKey insert(DbExecute tx, UUID projectId, String name, ApiKey.Scope scope, String prefix, String sha256,
                         UUID createdBy) {
        return tx.get("INSERT INTO api_keys AS k (id, project_id, name, scope, prefix, secret_sha256, created_by) "
                              + "VALUES (?::uuid, ?::uuid, ?, ?, ?, ?, ?::uuid) RETURNING " + COLUMNS,
                      UUID.randomUUID().toString(), projectId.toString(), name, scope.text(), prefix, sha256,
                      createdBy.toString())
                .map(ApiKeyStore::key).orElseThrow();
    }

    public List<ApiKey> list(UUID projectId) {
        return Rows.list(db.execute().query("SELECT " + COLUMNS + " FROM api_keys k WHERE k.project_id = ?::uuid "
                                                    + "ORDER BY k.created_at, k.id", projectId.toString()),
                         ApiKeyStore::key);
    }

    /** Deletes the project's key; empty when it has no such key. */
    public Optional<ApiKey> delete(DbExecute tx, UUID projectId, UUID id) {
        return tx.get("DELETE FROM api_keys k WHERE k.project_id = ?::uuid AND k.id = ?::uuid RETURNING " + COLUMNS,
                      projectId.toString(), id.toString())
                .map(ApiKeyStore::key);
    }

    public Optional<Found> find(String sha256) {
        return db.execute().get("SELECT k.id AS key_id, k.scope, p.id, p.slug, p.name, p.created_at FROM api_keys k "
                                        + "JOIN projects p ON p.id = k.project_id WHERE k.secret_sha256 = ?", sha256)
                .map(row -> new Found(UUID.fromString(Rows.string(row, "key_id")),
                                      new Project(UUID.fromString(Rows.string(row, "id")), Rows.string(row, "slug"),
                                                  Rows.string(row, "name"), Rows.instant(row, "created_at")),
                                      ApiKey.Scope.parse(Rows.string(row, "scope")).orElseThrow()));
    }

    /** Records a use, at most once a minute whichever node asks. */
    public void touch(UUID id) {
        db.execute().dml("UPDATE api_keys SET last_used_at = now() WHERE id = ?::uuid "
                                 + "AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')",
                         id.toString());
    }

    private static ApiKey key(DbRow row) {
        return new ApiKey(UUID.fromString(Rows.string(row, "id")), Rows.string(row, "name"),
                          ApiKey.Scope.parse(Rows.string(row, "scope")).orElseThrow(), Rows.string(row, "prefix"),
                          Rows.instant(row, "created_at"),
                          row.column("last_used_at").asOptional().isPresent() ? Rows.instant(row, "last_used_at") : null);
    }
}
