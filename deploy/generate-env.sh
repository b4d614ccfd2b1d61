#!/usr/bin/env bash
# Creates .env for docker-compose.yml from .env.example with a fresh random value for every empty setting
# (passwords of Oracle, the Kafka users, Redis and the first admin). Refuses to overwrite an existing .env.
#   deploy/generate-env.sh && docker compose up -d --build
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
[[ ! -e "$root/.env" ]] || { echo ".env exists; delete it first to generate new values" >&2; exit 1; }
umask 077
# hex: safe in Oracle passwords, the shell and the JAAS strings of the Kafka clients
while IFS= read -r line; do
  if [[ "$line" =~ ^[A-Z0-9_]+=$ ]]; then
    printf '%s%s\n' "$line" "$(openssl rand -hex 16)"
  else
    printf '%s\n' "$line"
  fi
done <"$root/.env.example" >"$root/.env"
echo "wrote $root/.env (mode 600); the admin password is DATAOPS_ADMIN_PASSWORD in it"
