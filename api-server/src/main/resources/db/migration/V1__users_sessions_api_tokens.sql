-- OpenLuffy API server, schema version 1: users and their credentials.
-- Migrations are append-only: never edit a released one, add V2__... instead, so upgrades keep data.

CREATE TABLE users (
    id            uuid        PRIMARY KEY,
    email         text        NOT NULL,
    password_hash text        NOT NULL,              -- argon2id, PHC string format
    first_name    text        NOT NULL DEFAULT '',
    last_name     text        NOT NULL DEFAULT '',
    role          text        NOT NULL CHECK (role IN ('admin', 'viewer')),
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_email_unique ON users (lower(email));

-- One row per login: the refresh-token family. Access and refresh tokens name their session;
-- only the newest refresh token (current_refresh_id) may be used, and a revoked session ends them all.
CREATE TABLE sessions (
    id                 uuid        PRIMARY KEY,
    user_id            uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    current_refresh_id uuid        NOT NULL,
    created_at         timestamptz NOT NULL DEFAULT now(),
    expires_at         timestamptz NOT NULL,
    revoked_at         timestamptz
);
CREATE INDEX sessions_user ON sessions (user_id);

-- API tokens for automation: only a SHA-256 of the token is kept (tokens are 256-bit random, so a fast hash suffices).
CREATE TABLE api_tokens (
    id           uuid        PRIMARY KEY,
    user_id      uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name         text        NOT NULL,
    token_hash   text        NOT NULL UNIQUE,
    created_at   timestamptz NOT NULL DEFAULT now(),
    last_used_at timestamptz
);
CREATE INDEX api_tokens_user ON api_tokens (user_id);

-- Login attempts of the last hour per account (e-mail as typed, lower-cased, whether or not it exists).
CREATE TABLE login_attempts (
    id           bigserial   PRIMARY KEY,
    email        text        NOT NULL,
    attempted_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_attempts_email_time ON login_attempts (email, attempted_at);
