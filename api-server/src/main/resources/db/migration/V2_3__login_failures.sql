-- Failed logins are kept only as keyed hashes (of the canonical e-mail, and of the client address) and only for the
-- throttle's window. The old table kept every e-mail string ever tried, passwords typed into the e-mail field too.
DROP TABLE login_attempts;
CREATE TABLE login_failures (
    id        bigserial   PRIMARY KEY,
    account   bytea       NOT NULL,
    client    bytea       NOT NULL,
    failed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_failures_account ON login_failures (account, failed_at);
CREATE INDEX login_failures_client ON login_failures (client, failed_at);
CREATE INDEX login_failures_time ON login_failures (failed_at);
