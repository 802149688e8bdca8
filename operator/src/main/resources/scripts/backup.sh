#!/bin/sh
# One backup of an OpenLuffy database into $BACKUP_DIR, run by the backup Job (image postgres, /bin/sh is dash).
#
# Input: the libpq variables (PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE), BACKUP_DIR, RETENTION (dumps kept,
# >= 1), LOCK_WAIT_TIMEOUT (how long pg_dump may wait for a table lock, default 60s).
# Output: openluffy-<UTC time>-<host>.dump and its .sha256. Success prints one "backup written" line on stdout;
# any failure exits non-zero with one "backup failed: ..." line on stderr, and never leaves a file named like a dump.
#
# Pruning rule (a full volume must not block every later run, and the newest dump is never given up):
#  1. before dumping, keep the newest RETENTION-1 dumps (at least one), so a failing run costs at most one old dump;
#  2. if the free space is then less than 5/4 of the newest dump (or of what the last failed run had written when
#     it stopped), delete more of the oldest dumps, down to the newest one;
#  3. after a verified dump, keep the newest RETENTION.
# A volume that cannot hold two dumps fails with the sizes in the message.
set -u

fail() {
  echo "backup failed: $*" >&2
  exit 1
}

# The last line a tool wrote to stderr is the one that says why; the rest is context nobody reads in a Job log.
last_line() {
  printf '%s\n' "$1" | sed '/^[[:space:]]*$/d' | tail -n 1
}

[ -n "${BACKUP_DIR:-}" ] || fail "BACKUP_DIR is not set"
case "${RETENTION:-}" in
  '' | *[!0-9]* | 0) fail "RETENTION must be a whole number of at least 1, got '${RETENTION:-}'" ;;
esac
: "${LOCK_WAIT_TIMEOUT:=60s}"
# An unreachable server must fail the run, not stall it until the Job deadline.
: "${PGCONNECT_TIMEOUT:=10}"
export PGCONNECT_TIMEOUT
cd "$BACKUP_DIR" 2>/dev/null || fail "cannot enter BACKUP_DIR $BACKUP_DIR"

# Leftovers of a killed run: no other run is writing (the CronJob's concurrencyPolicy is Forbid).
rm -f .partial-*
for sum in openluffy-*.dump.sha256; do
  [ -e "$sum" ] && [ ! -e "${sum%.sha256}" ] && rm -f -- "$sum"
done

# Names carry the UTC time, so the reverse name order is newest first.
dumps() {
  ls -1 2>/dev/null | grep -E '^openluffy-.*\.dump$' | sort -r
}

prune_to() {
  dumps | tail -n +"$(($1 + 1))" | while read -r old; do
    rm -f -- "$old" "$old.sha256"
    echo "pruned: $old"
  done
}

size_of() {
  wc -c < "$1" | tr -d ' '
}

free_bytes() {
  df -Pk . | awk 'NR == 2 { print $4 * 1024 }'
}

prune_to "$((RETENTION > 1 ? RETENTION - 1 : 1))"

newest=$(dumps | head -n 1)
needed=0
[ -n "$newest" ] && needed=$(size_of "$newest")
if [ -f .last-failed-size ]; then
  failed_size=$(cat .last-failed-size)
  case "$failed_size" in '' | *[!0-9]*) failed_size=0 ;; esac
  [ "$failed_size" -gt "$needed" ] && needed=$failed_size
fi
needed=$((needed / 4 * 5))
while [ "$(free_bytes)" -lt "$needed" ] && [ "$(dumps | wc -l)" -gt 1 ]; do
  oldest=$(dumps | tail -n 1)
  rm -f -- "$oldest" "$oldest.sha256"
  echo "pruned for space: $oldest"
done
free=$(free_bytes)
[ "$free" -ge "$needed" ] || fail "not enough space in $BACKUP_DIR: about $needed bytes needed, $free free with only" \
  "the newest dump $newest kept; enlarge spec.backup.storage"

name="openluffy-$(date -u +%Y%m%dT%H%M%SZ)-${HOSTNAME:-backup}.dump"
partial=".partial-$name"
# A failed run removes what it wrote and remembers how far it got: if the disk filled up, the next run then makes
# room for at least that much.
trap '[ -e "$partial" ] && { size_of "$partial" > .last-failed-size; rm -f "$partial"; }' EXIT
trap 'exit 1' INT TERM

started=$(date +%s)
out=$(pg_dump --format=custom --lock-wait-timeout="$LOCK_WAIT_TIMEOUT" --file="$partial" 2>&1) \
  || fail "pg_dump of ${PGDATABASE:-?} on ${PGHOST:-?}:${PGPORT:-5432}: $(last_line "$out")"
# Reading every block, not only the table of contents: a truncated or corrupted archive fails here.
out=$(pg_restore --file=/dev/null "$partial" 2>&1) || fail "the new dump does not read back: $(last_line "$out")"
sum=$(sha256sum < "$partial" | cut -d ' ' -f 1)
printf '%s  %s\n' "$sum" "$name" > "$name.sha256" || fail "cannot write $name.sha256"
mv -- "$partial" "$name" || fail "cannot rename the dump to $name"
trap - EXIT
rm -f .last-failed-size

echo "backup written: $name ($(size_of "$name") bytes, $(($(date +%s) - started)) s, sha256 $sum)"
prune_to "$RETENTION"
