-- OpenLuffy API server, schema 2.1: encrypted secrets, customers, integrations and the audit log.

-- Every encrypted secret lives here, sealed with AES-256-GCM. `binding` names the secret's owner
-- (e.g. customer/<id>/github-token) and is the associated data of the encryption, so a ciphertext copied to
-- another row fails to decrypt. `key_id` names the key that sealed it (see crypto.EncryptionKey); key rotation
-- re-seals every row whose key_id is not the current key's.
CREATE TABLE secrets (
    binding    text        PRIMARY KEY,
    key_id     text        NOT NULL,
    nonce      bytea       NOT NULL CHECK (length(nonce) = 12),
    ciphertext bytea       NOT NULL,             -- ciphertext || 16-byte GCM tag
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX secrets_key_id ON secrets (key_id);

CREATE TABLE customers (
    id          uuid        PRIMARY KEY,
    name        text        NOT NULL,
    description text        NOT NULL DEFAULT '',
    github_org  text,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX customers_name_unique ON customers (lower(name));

-- One row per configured integration kind; its token is the secret bound to integration/<kind>/token.
CREATE TABLE integrations (
    kind                     text        PRIMARY KEY CHECK (kind IN ('argocd')),
    url                      text        NOT NULL,
    insecure_skip_tls_verify boolean     NOT NULL DEFAULT false,
    updated_at               timestamptz NOT NULL DEFAULT now(),
    updated_by               text        NOT NULL
);

-- Who did what to what, and when. Actors are kept by e-mail too, so entries outlive deleted users.
-- Never holds secrets: targets are ids and names only.
CREATE TABLE audit_log (
    id          bigserial   PRIMARY KEY,
    occurred_at timestamptz NOT NULL DEFAULT now(),
    actor_id    uuid,
    actor_email text        NOT NULL,
    action      text        NOT NULL,
    target      text        NOT NULL
);
CREATE INDEX audit_log_newest ON audit_log (id DESC);
