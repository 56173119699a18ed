#!/bin/sh
# Creates random passwords for the Docker stack in docker/secrets/ (kept out of git). Run once before `up`.
set -eu
dir="$(cd "$(dirname "$0")" && pwd)/secrets"
mkdir -p "$dir"
for name in postgres_password reader_password grafana_admin_password; do
  if [ ! -s "$dir/$name" ]; then
    head -c 18 /dev/urandom | base64 | tr -d '/+=\n' > "$dir/$name"
    chmod 600 "$dir/$name"
    echo "created $dir/$name"
  fi
done
