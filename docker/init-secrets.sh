#!/bin/sh
# Creates random passwords for the Docker stack in docker/secrets/ (kept out of git). Run once before `up`.
#
# Compose bind-mounts a file secret with the host file's owner and mode, and the services read theirs as users of
# their own (submit as uid 9999, PostgreSQL's init scripts as postgres, Grafana as uid 472): the files are readable
# by all (0644), and the directory that holds them is the owner's alone (0700), so on the host only its owner reaches
# them. BEIZENG_SECRETS_DIR overrides where they go.
set -eu
dir=${BEIZENG_SECRETS_DIR:-"$(cd "$(dirname "$0")" && pwd)/secrets"}
mkdir -p "$dir"
chmod 700 "$dir"
for name in postgres_password reader_password grafana_admin_password; do
  if [ ! -s "$dir/$name" ]; then
    head -c 18 /dev/urandom | base64 | tr -d '/+=\n' > "$dir/$name"
    echo "created $dir/$name"
  fi
  chmod 644 "$dir/$name"
done
