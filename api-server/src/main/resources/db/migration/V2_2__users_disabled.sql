-- OpenLuffy API server, schema 2.2: admins can disable users. A disabled user cannot log in, and their sessions
-- and API tokens are refused; enabling them again restores their API tokens (sessions must be opened anew).
ALTER TABLE users ADD COLUMN disabled_at timestamptz;
