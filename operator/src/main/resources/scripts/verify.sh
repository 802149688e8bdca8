#!/bin/sh
# A restore test of the newest dump backup.sh wrote, run by the verification Job (image postgres, /bin/sh is dash).
#
# Input: the libpq variables of the superuser (PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE: the real database,
# which is only connected to, never changed), BACKUP_DIR (may be read-only), TERMINATION_LOG (optional: where a
# success leaves one JSON line for the operator's status).
# It restores the newest dump (the one "latest" names for restore.sh, with restore.sh itself: same checksum check,
# same single transaction) into a scratch database of a unique name on the same server, then counts the rows of every
# table there and compares them with the rows each table has in the archive (its COPY data, read again from the dump).
# The scratch database is dropped at the end, on failure too. The newest dump is the one checked even when it is bad:
# falling back to an older one would hide that a restore of latest would fail.
# Success prints one "verified" line on stdout; any failure exits non-zero with one "verify failed: ..." line on
# stderr.
set -u

scratch=""

# Drops the scratch database; prints why when it cannot (the database then stays until the next run).
drop_scratch() {
  [ -n "$scratch" ] || return 0
  out=$(psql -X -q -v ON_ERROR_STOP=1 -c "DROP DATABASE IF EXISTS \"$scratch\" WITH (FORCE)" 2>&1) \
    || { printf '%s' "the scratch database $scratch could not be dropped ($(last_error "$out"))"; return 1; }
  scratch=""
}

fail() {
  left=$(drop_scratch) || set -- "$@" "; $left"
  echo "verify failed: $*" >&2
  exit 1
}

last_error() {
  reason=$(printf '%s\n' "$1" | grep -iE 'error|fatal|failed' | tail -n 1)
  [ -n "$reason" ] || reason=$(printf '%s\n' "$1" | sed '/^[[:space:]]*$/d' | tail -n 1)
  printf '%s' "$reason"
}

# A stop (the Job's deadline) still drops the scratch database when the shell gets to run the trap.
trap 'fail "stopped by a signal"' INT TERM

[ -n "${BACKUP_DIR:-}" ] || fail "BACKUP_DIR is not set"
[ -n "${PGDATABASE:-}" ] || fail "PGDATABASE is not set"
: "${PGCONNECT_TIMEOUT:=10}"
export PGCONNECT_TIMEOUT
scripts=$(cd "$(dirname "$0")" && pwd)
cd "$BACKUP_DIR" 2>/dev/null || fail "cannot enter BACKUP_DIR $BACKUP_DIR"

# Names carry the UTC time, so the reverse name order is newest first (as in restore.sh's latest).
# A backup finishing meanwhile prunes old dumps, perhaps this one (retention 1): the shared lock held on the dump for
# the whole run makes backup.sh keep it (it deletes a dump only under an exclusive lock). A dump deleted before the
# lock was had is no longer the newest: pick again.
dump=""
for attempt in 1 2 3; do
  newest=$(ls -1 2>/dev/null | grep -E '^openluffy-.*\.dump$' | sort -r | head -n 1)
  [ -n "$newest" ] || fail "no dump in $BACKUP_DIR to verify"
  if { command exec 8< "$newest"; } 2>/dev/null && flock -s 8 && [ -f "$newest" ]; then
    dump=$newest
    break
  fi
done
[ -n "$dump" ] || fail "the newest dump in $BACKUP_DIR kept being pruned while this run opened it; the next run tries again"

started=$(date +%s)
# Unique per run (time and 32 random bits) and never the real database's name. A run stopped before its end (the
# Job's deadline) may leave one behind: earlier leftovers that nobody is connected to are dropped first.
name="openluffy_verify_$(date -u +%Y%m%dt%H%M%Sz)_$(od -An -N4 -tx4 /dev/urandom | tr -d ' ')"
[ "$name" != "$PGDATABASE" ] || fail "the scratch database would be the real one ($PGDATABASE)"
psql -X -q -t -A -c "SELECT datname FROM pg_database WHERE datname LIKE 'openluffy\_verify\_%'" 2>/dev/null \
  | while read -r leftover; do
    psql -X -q -c "DROP DATABASE IF EXISTS \"$leftover\"" > /dev/null 2>&1 && echo "dropped leftover: $leftover"
  done
out=$(psql -X -q -v ON_ERROR_STOP=1 -c "CREATE DATABASE \"$name\" TEMPLATE template0" 2>&1) \
  || fail "creating the scratch database $name on ${PGHOST:-?}:${PGPORT:-5432}: $(last_error "$out")"
scratch=$name
# Only the superuser (this script) connects to the copy, not the application role
out=$(psql -X -q -v ON_ERROR_STOP=1 -c "REVOKE ALL ON DATABASE \"$scratch\" FROM PUBLIC" 2>&1) \
  || fail "closing the scratch database $scratch to other roles: $(last_error "$out")"

# Its own report would stand as this run's termination message were a later step to fail: no TERMINATION_LOG.
out=$(TERMINATION_LOG="" PGDATABASE=$scratch DUMP=$dump sh "$scripts/restore.sh" 2>&1) \
  || fail "$dump does not restore into the scratch database $scratch: $(printf '%s\n' "$out" | tail -n 1 \
    | sed 's/^restore failed: //')"

# Rows per table as the archive holds them, "<rows> <table>": a COPY block has one line per row (newlines in values
# are escaped) and ends with a line "\." (a value "\." is written "\\."). The table is named as pg_dump quotes it,
# ready for SQL. restore.sh has read the whole archive already, so a pg_restore failing here is not expected; if it
# did, the counts would fall short and say so below.
expected=$(pg_restore --data-only --file=- "$dump" 2>/dev/null | awk '
  /^COPY .* FROM stdin;$/ { table = $0; sub(/^COPY /, "", table); sub(/ (\(.*\) )?FROM stdin;$/, "", table)
                           rows = 0; copying = 1; next }
  copying && $0 == "\\." { print rows, table; copying = 0; next }
  copying { rows++ }')
[ -n "$expected" ] || fail "$dump holds no table data; nothing to verify"

query=$(printf '%s\n' "$expected" | while read -r rows table; do
  printf "SELECT count(*) || ' ' || '%s' FROM %s UNION ALL " "$(printf '%s' "$table" | sed "s/'/''/g")" "$table"
done)
actual=$(PGDATABASE=$scratch psql -X -q -t -A -v ON_ERROR_STOP=1 -c "${query% UNION ALL }" 2>&1) \
  || fail "counting the rows of $dump's tables in $scratch: $(last_error "$actual")"
wrong=$(printf '%s\n' "$actual" | awk -v expected="$expected" '
  { n = index($0, " "); got[substr($0, n + 1)] = substr($0, 1, n - 1) }
  END { count = split(expected, lines, "\n")
        for (i = 1; i <= count; i++) { n = index(lines[i], " "); t = substr(lines[i], n + 1); want = substr(lines[i], 1, n - 1)
          if (got[t] != want) printf "%s: %s rows in the dump, %s restored; ", t, want, (t in got ? got[t] : "none") } }')
[ -z "$wrong" ] || fail "$dump restored, but not every row read back: ${wrong%; }"

left=$(drop_scratch) || fail "$left"
tables=$(printf '%s\n' "$expected" | wc -l | tr -d ' ')
total=$(printf '%s\n' "$expected" | awk '{ sum += $1 } END { print sum + 0 }')
seconds=$(($(date +%s) - started))
echo "verified: $dump restores, $tables tables and $total rows read back as in the dump ($seconds s; scratch database dropped)"
# The dump's name is [A-Za-z0-9.-] only (UTC time, pod name), so it needs no JSON escaping.
if [ -n "${TERMINATION_LOG:-}" ]; then
  printf '{"dump":"%s","tables":%s,"rows":%s,"seconds":%s}\n' "$dump" "$tables" "$total" "$seconds" \
    > "$TERMINATION_LOG" || echo "cannot write the report to $TERMINATION_LOG" >&2
fi
