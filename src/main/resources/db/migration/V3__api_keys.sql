-- API keys: applications' credentials for one project. Only the SHA-256 of a key is stored; the key itself is
-- shown once, when it is created. Deleting a key deletes its row: a deleted key is refused everywhere.

CREATE TABLE api_keys (
    id            uuid        PRIMARY KEY,
    project_id    uuid        NOT NULL REFERENCES projects ON DELETE CASCADE,
    name          text        NOT NULL,
    scope         text        NOT NULL CHECK (scope IN ('read', 'write')),
    prefix        text        NOT NULL,             -- the key's first characters, to recognise it in a list
    secret_sha256 text        NOT NULL UNIQUE,      -- SHA-256 of the whole key, lower-case hex
    created_by    uuid        REFERENCES users ON DELETE SET NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    last_used_at  timestamptz
);
CREATE INDEX api_keys_project ON api_keys (project_id, created_at);

-- Changes made with an API key name the key; actor_id is then null.
ALTER TABLE audit_log ADD COLUMN api_key_id uuid;
