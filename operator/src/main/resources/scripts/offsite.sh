#!/bin/sh
# Off-site copies of the dumps backup.sh writes, in an S3-compatible object store, with rclone (the official image
# rclone/rclone, whose /bin/sh is busybox; tested under dash).
#
# Input: BACKUP_DIR, OFFSITE (bucket/prefix, e.g. openluffy-backups/prod), RETENTION (dumps kept remotely), and the
# remote's configuration as rclone environment variables for a remote named "offsite": RCLONE_CONFIG_OFFSITE_TYPE=s3,
# _PROVIDER, _ENDPOINT, _REGION, _FORCE_PATH_STYLE, _ACCESS_KEY_ID, _SECRET_ACCESS_KEY.
# Commands:
#   offsite.sh upload           copies the newest local dump and its .sha256, then prunes the remote to RETENTION
#   offsite.sh download DUMP    copies DUMP (a name, or latest) and its .sha256 from the remote into BACKUP_DIR
# A remote dump counts only once its .sha256 is there: the checksum is uploaded after the dump, so an interrupted
# upload leaves a dump nobody downloads as latest. Success prints one line; failure exits non-zero with one
# "offsite failed: ..." line on stderr.
set -u

fail() {
  echo "offsite failed: $*" >&2
  exit 1
}

last_error() {
  # rclone starts its lines with a date and time: the job log has its own.
  reason=$(printf '%s\n' "$1" | sed 's#^[0-9/]* [0-9:]* ##' | grep -iE 'error|failed|denied|forbidden' | tail -n 1)
  [ -n "$reason" ] || reason=$(printf '%s\n' "$1" | sed '/^[[:space:]]*$/d' | tail -n 1)
  printf '%s' "$reason"
}

# rclone's own retries (3 attempts, each with low-level retries) stand; they are set with RCLONE_* variables.
remote() {
  out=$(exec 2>&1; rclone --config /dev/null "$@" || exit) \
    || fail "rclone $1 (endpoint ${RCLONE_CONFIG_OFFSITE_ENDPOINT:-?}): $(last_error "$out")"
  [ -z "$out" ] || printf '%s\n' "$out"
}

# Remote dumps that have their checksum, newest first (names carry the UTC time).
remote_dumps() {
  listing=$(remote lsf --files-only "offsite:$OFFSITE") || exit 1
  printf '%s\n' "$listing" | grep -E '^openluffy-.*\.dump$' | while read -r dump; do
    printf '%s\n' "$listing" | grep -qxF "$dump.sha256" && echo "$dump"
  done | sort -r
}

[ -n "${BACKUP_DIR:-}" ] || fail "BACKUP_DIR is not set"
[ -n "${OFFSITE:-}" ] || fail "OFFSITE is not set (bucket/prefix)"
OFFSITE=${OFFSITE%/}
cd "$BACKUP_DIR" 2>/dev/null || fail "cannot enter BACKUP_DIR $BACKUP_DIR"

case "${1:-}" in
  upload)
    case "${RETENTION:-}" in
      '' | *[!0-9]* | 0) fail "RETENTION must be a whole number of at least 1, got '${RETENTION:-}'" ;;
    esac
    dump=$(ls -1 2>/dev/null | grep -E '^openluffy-.*\.dump$' | sort -r | head -n 1)
    [ -n "$dump" ] || fail "no dump in $BACKUP_DIR to upload"
    [ -f "$dump.sha256" ] || fail "$dump has no checksum file; only verified dumps are copied off-site"
    # Output dropped rather than --status: busybox's sha256sum spells that option differently.
    sha256sum -c "$dump.sha256" > /dev/null 2>&1 || fail "$dump does not match its checksum; not uploaded"
    remote copyto "$dump" "offsite:$OFFSITE/$dump" > /dev/null || exit 1
    remote copyto "$dump.sha256" "offsite:$OFFSITE/$dump.sha256" > /dev/null || exit 1
    kept=$(remote_dumps) || exit 1
    printf '%s\n' "$kept" | tail -n +"$((RETENTION + 1))" | while read -r old; do
      [ -n "$old" ] || continue
      remote deletefile "offsite:$OFFSITE/$old.sha256" > /dev/null || exit 1
      remote deletefile "offsite:$OFFSITE/$old" > /dev/null || exit 1
      echo "pruned off-site: $old"
    done || exit 1
    echo "uploaded: $dump to $OFFSITE"
    ;;
  download)
    want=${2:-}
    [ -n "$want" ] || fail "download needs a dump's name or latest"
    if [ "$want" = latest ]; then
      want=$(remote_dumps | head -n 1) || exit 1
      [ -n "$want" ] || fail "no dump with a checksum in $OFFSITE"
    else
      case "$want" in
        */* | *[!A-Za-z0-9._-]*) fail "not a dump's file name: '$want'" ;;
        openluffy-*.dump) ;;
        *) fail "not a dump's file name: '$want'" ;;
      esac
    fi
    remote copyto "offsite:$OFFSITE/$want.sha256" "$want.sha256" > /dev/null || exit 1
    remote copyto "offsite:$OFFSITE/$want" "$want" > /dev/null || exit 1
    echo "downloaded: $want from $OFFSITE"
    ;;
  *) fail "usage: offsite.sh upload | offsite.sh download <dump name or latest>" ;;
esac
