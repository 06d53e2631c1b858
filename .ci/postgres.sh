#!/usr/bin/env bash
# Install Debian's PostgreSQL server binaries if missing; tests/pgserver.py starts a throwaway
# server from them (initdb + pg_ctl in a temporary folder, on 127.0.0.1). Idempotent.
# Exit status: 0 when the binaries are present afterwards, 1 otherwise (the PostgreSQL tests then skip).
set -euo pipefail

have_postgres() { ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; }

if have_postgres; then
  echo "postgres.sh: PostgreSQL server binaries present: $(ls -d /usr/lib/postgresql/*/bin | tr '\n' ' ')"
  exit 0
fi

run_as_root=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    run_as_root=(sudo)
  else
    echo "postgres.sh: need root (or sudo) to apt-get install postgresql" >&2
    exit 1
  fi
fi

export DEBIAN_FRONTEND=noninteractive
"${run_as_root[@]}" apt-get update -qq || echo "postgres.sh: apt-get update failed; trying the cached lists" >&2
"${run_as_root[@]}" apt-get install -y -qq --no-install-recommends postgresql >/dev/null

if have_postgres; then
  echo "postgres.sh: installed $(ls -d /usr/lib/postgresql/*/bin | tr '\n' ' ')"
else
  echo "postgres.sh: postgresql installed but no /usr/lib/postgresql/*/bin/initdb found" >&2
  exit 1
fi
