-- Every change to sessions or users (logout, refresh, role, password, disabling, deletion) tells every API server
-- on this database to forget the session validity it remembers. NOTIFY is delivered at commit, so a listener never
-- hears of a change before it can see it. One payload per transaction: identical notifications are folded.
CREATE FUNCTION openluffy_auth_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('openluffy_auth', '');
    RETURN NULL;
END
$$;
CREATE TRIGGER sessions_changed AFTER UPDATE OR DELETE OR TRUNCATE ON sessions
    FOR EACH STATEMENT EXECUTE FUNCTION openluffy_auth_changed();
CREATE TRIGGER users_changed AFTER UPDATE OR DELETE OR TRUNCATE ON users
    FOR EACH STATEMENT EXECUTE FUNCTION openluffy_auth_changed();
