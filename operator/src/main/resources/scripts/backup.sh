#!/bin/sh
# One backup of an OpenLuffy database into $BACKUP_DIR, run by the backup Job (image postgres, /bin/sh is dash).
#
# Input: the libpq variables (PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE), BACKUP_DIR, RETENTION (dumps kept,
# >= 1), LOCK_WAIT_TIMEOUT (how long pg_dump may wait for a table lock, default 60s), TERMINATION_LOG (optional: the
# container's terminationMessagePath, where a success leaves one JSON line for the operator's status).
# Output: openluffy-<UTC time>-<host>.dump and its .sha256. Success prints one "backup written" line on stdout;
# any failure exits non-zero with one "backup failed: ..." line on stderr, and never leaves a file named like a dump.
#
# Pruning rule (a full volume must not block every later run, and the newest dump is never given up):
#  1. before dumping, keep the newest RETENTION-1 dumps (at least one), so a failing run costs at most one old dump;
#  2. if the free space is then less than 5/4 of the newest dump (or of what the last failed run had written when
#     it stopped), delete more of the oldest dumps, down to the newest one;
#  3. after a verified dump, keep the newest RETENTION.
# A dump a verification is reading (verify.sh holds a shared lock on it) is skipped, and pruned by a later run.
# A volume that cannot hold two dumps fails with the sizes in the message.
set -u

fail() {
  echo "backup failed: $*" >&2
  exit 1
}

# The tools' last error line says why; the rest is context nobody reads in a Job log.
last_error() {
  reason=$(printf '%s\n' "$1" | grep -iE 'error|fatal|killed|exceeded|no space' | tail -n 1)
  [ -n "$reason" ] || reason=$(printf '%s\n' "$1" | sed '/^[[:space:]]*$/d' | tail -n 1)
  printf '%s' "$reason"
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

# One run at a time on the volume: the CronJob's concurrencyPolicy Forbid knows nothing of on-demand backups
# (OpenLuffyBackup). The lock is on the directory itself (no file to list or prune) and goes with the process.
exec 9< . || fail "cannot open $BACKUP_DIR to lock it"
flock -n 9 || fail "another backup is running on $BACKUP_DIR (it holds the lock on the directory); the next run" \
  "tries again"

# Leftovers of a killed run: no other run is writing (the lock above).
rm -f .partial-*
for sum in openluffy-*.dump.sha256; do
  [ -e "$sum" ] && [ ! -e "${sum%.sha256}" ] && rm -f -- "$sum"
done

# Names carry the UTC time, so the reverse name order is newest first.
dumps() {
  ls -1 2>/dev/null | grep -E '^openluffy-.*\.dump$' | sort -r
}

# A verification reading a dump holds a shared lock on it (verify.sh): such a dump is kept until a later run. The
# exclusive lock is held while the files go, so a verification that opened the dump just before sees it gone.
remove_dump() {
  flock -n -x "$1" rm -f -- "$1" "$1.sha256" 2>/dev/null && return
  echo "kept: $1 (a verification is reading it; a later run prunes it)"
  return 1
}

prune_to() {
  dumps | tail -n +"$(($1 + 1))" | while read -r old; do
    if remove_dump "$old"; then echo "pruned: $old"; fi
  done
}

size_of() {
  wc -c < "$1" | tr -d ' '
}

# awk prints large products in floating point; the shell's arithmetic is 64-bit. Call as free=$(free_bytes) || exit.
free_bytes() {
  kib=$(df -Pk . | awk 'NR == 2 { print $4 }')
  case "$kib" in '' | *[!0-9]*) fail "cannot read the free space of $BACKUP_DIR from df" ;; esac
  echo $((kib * 1024))
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
free=$(free_bytes) || exit 1
# Oldest first, never the newest.
for oldest in $(dumps | tail -n +2 | sort); do
  [ "$free" -lt "$needed" ] || break
  if remove_dump "$oldest"; then echo "pruned for space: $oldest"; fi
  free=$(free_bytes) || exit 1
done
[ "$free" -ge "$needed" ] || fail "not enough space in $BACKUP_DIR: about $needed bytes needed, $free free with" \
  "$(dumps | wc -l) dump(s) kept; enlarge spec.backup.storage"

name="openluffy-$(date -u +%Y%m%dT%H%M%SZ)-${HOSTNAME:-backup}.dump"
partial=".partial-$name"
trap 'rm -f "$partial"' EXIT
trap 'exit 1' INT TERM

started=$(date +%s)
# exec 2>&1 and "|| exit": the subshell itself reports a pg_dump killed by a signal, into the captured reason.
if ! out=$(exec 2>&1; pg_dump --format=custom --lock-wait-timeout="$LOCK_WAIT_TIMEOUT" --file="$partial" || exit); then
  # If the volume filled up, the next run makes room for at least as much as this one managed to write.
  written=$(size_of "$partial" 2>/dev/null || echo 0)
  rm -f "$partial"
  echo "$written" > .last-failed-size
  case "$out" in
    *"Query was: LOCK TABLE"*)
      table=$(printf '%s\n' "$out" | sed -n 's/.*Query was: LOCK TABLE \([^ ]*\).*/\1/p' | tail -n 1)
      hint=" (another session held a lock on $table longer than LOCK_WAIT_TIMEOUT=$LOCK_WAIT_TIMEOUT; the next run tries again)" ;;
    *) hint="" ;;
  esac
  fail "pg_dump of ${PGDATABASE:-?} on ${PGHOST:-?}:${PGPORT:-5432}: $(last_error "$out")$hint"
fi
# Reading every block, not only the table of contents: a truncated or corrupted archive fails here.
out=$(exec 2>&1; pg_restore --file=/dev/null "$partial" || exit) || fail "the new dump does not read back: $(last_error "$out")"
sum=$(sha256sum < "$partial" | cut -d ' ' -f 1)
printf '%s  %s\n' "$sum" "$name" > "$name.sha256" || fail "cannot write $name.sha256"
mv -- "$partial" "$name" || fail "cannot rename the dump to $name"
trap - EXIT
rm -f .last-failed-size

size=$(size_of "$name")
seconds=$(($(date +%s) - started))
echo "backup written: $name ($size bytes, $seconds s, sha256 $sum)"
# The dump's name is [A-Za-z0-9.-] only (UTC time, pod name), so it needs no JSON escaping.
if [ -n "${TERMINATION_LOG:-}" ]; then
  printf '{"dump":"%s","sizeBytes":%s,"seconds":%s,"sha256":"%s"}\n' "$name" "$size" "$seconds" "$sum" \
    > "$TERMINATION_LOG" || echo "cannot write the report to $TERMINATION_LOG" >&2
fi
prune_to "$RETENTION"
