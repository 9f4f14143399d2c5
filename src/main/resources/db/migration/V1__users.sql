-- px0 accounts. Emails are unique whatever their letter case; ids are UUIDs made by px0.
CREATE TABLE users (
    id            uuid        PRIMARY KEY,
    email         text        NOT NULL CHECK (length(email) <= 254),
    password_hash text        NOT NULL,
    is_verified   boolean     NOT NULL DEFAULT false,
    is_admin      boolean     NOT NULL DEFAULT false,
    created_at    timestamptz NOT NULL DEFAULT now()
);

CREATE UNIQUE INDEX users_email_lower_key ON users (lower(email));
