-- Projects, their members, prompts with immutable numbered versions, movable labels with their history, and the
-- audit log. Deleting a project or a prompt removes what belongs to it; deleting a user keeps what they wrote.

CREATE TABLE projects (
    id         uuid        PRIMARY KEY,
    slug       text        NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
    name       text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE project_members (
    project_id uuid NOT NULL REFERENCES projects ON DELETE CASCADE,
    user_id    uuid NOT NULL REFERENCES users ON DELETE CASCADE,
    role       text NOT NULL CHECK (role IN ('admin', 'editor', 'viewer')),
    PRIMARY KEY (project_id, user_id)
);
CREATE INDEX project_members_user ON project_members (user_id);

CREATE TABLE prompts (
    id           uuid        PRIMARY KEY,
    project_id   uuid        NOT NULL REFERENCES projects ON DELETE CASCADE,
    slug         text        NOT NULL CHECK (slug ~ '^[a-z0-9][a-z0-9_.-]{0,127}$'),
    name         text        NOT NULL,
    description  text        NOT NULL DEFAULT '',
    type         text        NOT NULL CHECK (type IN ('text', 'chat')),
    created_at   timestamptz NOT NULL DEFAULT now(),
    next_version integer     NOT NULL DEFAULT 1,   -- numbers are handed out under this row's lock, never reused
    UNIQUE (project_id, slug)
);

CREATE TABLE prompt_versions (
    prompt_id  uuid        NOT NULL REFERENCES prompts ON DELETE CASCADE,
    number     integer     NOT NULL,
    template   text,
    messages   jsonb,
    config     jsonb,
    message    text,
    variables  jsonb       NOT NULL,
    created_by uuid        REFERENCES users ON DELETE SET NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (prompt_id, number),
    CHECK ((template IS NULL) <> (messages IS NULL))
);

CREATE TABLE prompt_labels (
    prompt_id  uuid        NOT NULL REFERENCES prompts ON DELETE CASCADE,
    name       text        NOT NULL CHECK (name ~ '^[a-z0-9][a-z0-9_.-]{0,49}$'),
    version    integer     NOT NULL,
    updated_by uuid        REFERENCES users ON DELETE SET NULL,
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (prompt_id, name),
    FOREIGN KEY (prompt_id, version) REFERENCES prompt_versions (prompt_id, number)
);

CREATE TABLE prompt_label_history (
    id               bigserial   PRIMARY KEY,
    prompt_id        uuid        NOT NULL REFERENCES prompts ON DELETE CASCADE,
    name             text        NOT NULL,
    version          integer,             -- null: the label was deleted
    previous_version integer,             -- null: the label was new
    updated_by       uuid        REFERENCES users ON DELETE SET NULL,
    updated_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX prompt_label_history_label ON prompt_label_history (prompt_id, name, id);

CREATE TABLE audit_log (
    id         bigserial   PRIMARY KEY,
    project_id uuid        NOT NULL REFERENCES projects ON DELETE CASCADE,
    actor_id   uuid        REFERENCES users ON DELETE SET NULL,
    action     text        NOT NULL,
    target     text        NOT NULL,
    before     jsonb,
    after      jsonb,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX audit_log_project ON audit_log (project_id, id);
