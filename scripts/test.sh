#!/usr/bin/env bash
# The whole suite, as CI runs it: lint, Django checks, migrations check, production settings
# check, then pytest on SQLite and again on PostgreSQL when one is reachable.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
step() { printf '\n==> %s\n' "$*"; }

step "ruff"
.venv/bin/ruff check .
.venv/bin/ruff format --check .

step "manage.py check / makemigrations --check"
DJANGO_SETTINGS_MODULE=sitecluster.settings.test $PY manage.py check
DJANGO_SETTINGS_MODULE=sitecluster.settings.test $PY manage.py makemigrations --check --dry-run

step "manage.py check --deploy (production settings, dummy secrets)"
oidc_key="$(mktemp)"  # a throwaway single sign-on signing key (docs/sso.md)
trap 'rm -f "$oidc_key"' EXIT
$PY -c "from sitecluster.sso.keys import generate_pem; print(generate_pem())" >"$oidc_key"
DJANGO_SETTINGS_MODULE=sitecluster.settings.production \
  DJANGO_SECRET_KEY="ci-dummy-$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')" \
  DATABASE_URL="postgres://ci@127.0.0.1:5432/ci" REDIS_URL="redis://127.0.0.1:6379/0" \
  DJANGO_ALLOWED_HOSTS=".hedong.gov.cn" \
  SITECLUSTER_OIDC_PRIVATE_KEY_FILE="$oidc_key" \
  $PY manage.py check --deploy --fail-level WARNING

pg_url="${DATABASE_URL:-}"
if [ -z "$pg_url" ] && $PY - <<'PY' 2>/dev/null
import socket, sys
s = socket.socket(); s.settimeout(1)
sys.exit(s.connect_ex(("127.0.0.1", 5432)))
PY
then
  pg_url="postgres://postgres@127.0.0.1:5432/postgres"
fi

# Two worker processes (this is a 2-core machine); a test module stays on one worker so its
# module-scoped page trees are built once. `scripts/test.sh -n 0` runs in one process.
workers=(-n 2 --dist loadfile)

step "pytest on SQLite"
env -u DATABASE_URL $PY -m pytest -q "${workers[@]}" "$@"

if [ -n "$pg_url" ]; then
  step "pytest on PostgreSQL ($pg_url)"
  DATABASE_URL="$pg_url" $PY -m pytest -q -m "not browser" "${workers[@]}" "$@"
else
  echo "WARNING: PostgreSQL not reachable (set DATABASE_URL): only the SQLite run was done." >&2
fi
