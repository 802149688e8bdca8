-- When each user last logged in with a password, for admins reviewing accounts. Existing users keep their rows (NULL).
ALTER TABLE users ADD COLUMN last_login_at timestamptz;
