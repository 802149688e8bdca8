#!/bin/sh
# Makes the API server's database role: run before every start of the API server (an init container of its
# Deployment, image postgres, /bin/sh is dash) as the superuser, so it is also how an existing database moves to the
# role on upgrade. Idempotent: a second run changes nothing.
#
# Input: the libpq variables of the superuser (PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE), APP_USER and
# APP_PASSWORD (the role and its password), LOCK_WAIT_TIMEOUT (how long to wait for a table lock, default 30s).
# Effect, in one transaction: the role exists with LOGIN, NOSUPERUSER, NOCREATEDB, NOCREATEROLE, NOREPLICATION,
# NOBYPASSRLS and the password APP_PASSWORD (so a new password in the Secret heals itself at the next start), and it
# owns the database, the schema public and every table, view, sequence, function and type in it.
# Success prints one "app role ready" line on stdout; a failure exits non-zero with one "app role failed: ..." line on
# stderr. The password goes to psql through its environment (never a command line), is kept out of the server's
# statement log, and is never printed.
set -u

fail() {
  echo "app role failed: $*" >&2
  exit 1
}

[ -n "${APP_USER:-}" ] || fail "APP_USER is not set"
[ -n "${APP_PASSWORD:-}" ] || fail "APP_PASSWORD is not set"
[ -n "${PGUSER:-}" ] || fail "PGUSER (the superuser) is not set"
[ -n "${PGDATABASE:-}" ] || fail "PGDATABASE is not set"
[ "$APP_USER" != "$PGUSER" ] || fail "APP_USER must not be the superuser PGUSER ($PGUSER)"
: "${LOCK_WAIT_TIMEOUT:=30s}"
# An unreachable server must fail the init container (the kubelet retries it), not stall the pod's start.
: "${PGCONNECT_TIMEOUT:=10}"
export PGCONNECT_TIMEOUT

if ! out=$(psql -X -q -t -A --single-transaction -v ON_ERROR_STOP=1 -v VERBOSITY=terse -v SHOW_CONTEXT=never \
    -v app_user="$APP_USER" -v lock_wait="$LOCK_WAIT_TIMEOUT" 2>&1 <<'SQL'
-- superuser-only settings: the ALTER ROLE below carries the password, and neither statement logging
-- (log_statement) nor the logging of a failed statement (log_min_error_statement) may write it to the server log
SET LOCAL log_statement = 'none';
SET LOCAL log_min_error_statement = 'panic';
SELECT set_config('lock_timeout', :'lock_wait', true) \g /dev/null
SELECT format('CREATE ROLE %I', :'app_user') WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'app_user')
\gexec
\set app_password `printf '%s' "$APP_PASSWORD"`
ALTER ROLE :"app_user" WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS INHERIT
  PASSWORD :'app_password';
\unset app_password
SELECT format('ALTER DATABASE %I OWNER TO %I', current_database(), :'app_user') \gexec
ALTER SCHEMA public OWNER TO :"app_user";
-- Relations (sequences owned by a column follow their table), then routines and types; members of extensions stay.
SELECT format('ALTER %s %s OWNER TO %I', CASE c.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW'
         WHEN 'S' THEN 'SEQUENCE' WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END, c.oid::regclass, :'app_user')
  FROM pg_class c
 WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
   AND c.relowner <> :'app_user'::regrole
   AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
                     AND (d.deptype = 'e' OR (c.relkind = 'S' AND d.deptype IN ('a', 'i')
                                              AND d.refclassid = 'pg_class'::regclass)))
 ORDER BY c.relkind = 'S', c.oid
\gexec
SELECT format('ALTER ROUTINE %s OWNER TO %I', p.oid::regprocedure, :'app_user')
  FROM pg_proc p
 WHERE p.pronamespace = 'public'::regnamespace AND p.proowner <> :'app_user'::regrole
   AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid
                     AND d.deptype = 'e')
\gexec
SELECT format('ALTER %s %s OWNER TO %I', CASE t.typtype WHEN 'd' THEN 'DOMAIN' ELSE 'TYPE' END, t.oid::regtype,
         :'app_user')
  FROM pg_type t
 WHERE t.typnamespace = 'public'::regnamespace AND t.typowner <> :'app_user'::regrole
   AND (t.typtype IN ('e', 'd', 'r')
        OR (t.typtype = 'c' AND (SELECT relkind FROM pg_class WHERE oid = t.typrelid) = 'c'))
   AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_type'::regclass AND d.objid = t.oid
                     AND d.deptype = 'e')
\gexec
SELECT count(*) FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relowner = :'app_user'::regrole
   AND relkind IN ('r', 'p', 'v', 'm', 'S', 'f');
SQL
); then
  fail "setting up role $APP_USER in $PGDATABASE on ${PGHOST:-local socket}:${PGPORT:-5432}: $(printf '%s\n' "$out" | sed '/^[[:space:]]*$/d' | tail -n 1)"
fi
echo "app role ready: $APP_USER (not a superuser) owns database $PGDATABASE, schema public and its $(printf '%s\n' "$out" | tail -n 1) relations"
