#!/bin/sh
# Restores one dump written by backup.sh into the database, all or nothing (image postgres, /bin/sh is dash).
#
# Input: the libpq variables (PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE), BACKUP_DIR, and DUMP: a dump's file
# name in BACKUP_DIR, or "latest" for the newest; TERMINATION_LOG (optional: the container's terminationMessagePath,
# where a success leaves one JSON line naming the dump restored, for the operator's status).
# The schema public is replaced whole (tables the dump does not have are dropped too), in one transaction that stops
# at the first error: a restore that fails leaves the database as it was. Success prints one "restored" line on
# stdout; any failure exits non-zero with one "restore failed: ..." line on stderr.
set -u

fail() {
  echo "restore failed: $*" >&2
  exit 1
}

last_error() {
  reason=$(printf '%s\n' "$1" | grep -iE 'error|fatal' | tail -n 1)
  [ -n "$reason" ] || reason=$(printf '%s\n' "$1" | sed '/^[[:space:]]*$/d' | tail -n 1)
  printf '%s' "$reason"
}

[ -n "${BACKUP_DIR:-}" ] || fail "BACKUP_DIR is not set"
[ -n "${DUMP:-}" ] || fail "DUMP is not set (a dump's file name, or latest)"
: "${PGCONNECT_TIMEOUT:=10}"
export PGCONNECT_TIMEOUT
cd "$BACKUP_DIR" 2>/dev/null || fail "cannot enter BACKUP_DIR $BACKUP_DIR"

if [ "$DUMP" = latest ]; then
  dump=$(ls -1 2>/dev/null | grep -E '^openluffy-.*\.dump$' | sort -r | head -n 1)
  [ -n "$dump" ] || fail "no dump in $BACKUP_DIR"
else
  case "$DUMP" in
    openluffy-*.dump) ;;
    *) fail "DUMP must be a dump's file name (openluffy-<time>-<pod>.dump) or latest, got '$DUMP'" ;;
  esac
  case "$DUMP" in */*) fail "DUMP must be a file name in $BACKUP_DIR, not a path: '$DUMP'" ;; esac
  dump=$DUMP
  [ -f "$dump" ] || fail "no dump named $dump in $BACKUP_DIR"
fi

# The checksum catches a dump changed since it was written; reading every block catches one that never was whole.
if [ -f "$dump.sha256" ]; then
  sha256sum -c --status "$dump.sha256" || fail "$dump does not match its checksum $dump.sha256"
fi
out=$(exec 2>&1; pg_restore --file=/dev/null "$dump" || exit) || fail "$dump does not read: $(last_error "$out")"

started=$(date +%s)
# COMMIT only follows a complete script: if pg_restore stopped early, psql must not commit what it got so far.
out=$( {
  echo 'BEGIN; DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;'
  if pg_restore --file=- "$dump" 2>/dev/null; then
    echo 'COMMIT;'
  else
    echo "DO \$\$ BEGIN RAISE EXCEPTION 'pg_restore stopped before the end of $dump'; END \$\$;"
  fi
} | psql --no-psqlrc --quiet --set=ON_ERROR_STOP=1 --file=- 2>&1 >/dev/null) \
  || fail "restoring $dump into ${PGDATABASE:-?} on ${PGHOST:-?}:${PGPORT:-5432} (nothing was changed):" \
    "$(last_error "$out")"
seconds=$(($(date +%s) - started))
size=$(wc -c < "$dump" | tr -d ' ')
echo "restored: $dump into ${PGDATABASE:-?} ($size bytes, $seconds s)"
# backup.sh's report shape (backup.BackupReport): the name is [A-Za-z0-9.-] only, so it needs no JSON escaping.
if [ -n "${TERMINATION_LOG:-}" ]; then
  sum=""
  [ -f "$dump.sha256" ] && sum=",\"sha256\":\"$(cut -d ' ' -f 1 "$dump.sha256")\""
  printf '{"dump":"%s","sizeBytes":%s,"seconds":%s%s}\n' "$dump" "$size" "$seconds" "$sum" > "$TERMINATION_LOG" \
    || echo "cannot write the report to $TERMINATION_LOG" >&2
fi
