#!/usr/bin/env bash
# Production smoke test: build the static files as production does (DEBUG=0, manifest storage),
# start gunicorn with the repository's gunicorn.conf.py against a fresh SQLite database and ask
# for a few pages. Each must answer 200, /healthz too, and no header may name gunicorn.
# Runs on a developer machine as well: `make smoke`.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-.venv/bin}
PORT=${SMOKE_PORT:-8765}
work=$(mktemp -d)
server=""
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null && wait "$server" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

export DEBUG=0 ALLOWED_HOSTS=127.0.0.1 SECURE_SSL_REDIRECT=0 SECURE_HSTS_SECONDS=0
SECRET_KEY=$("$BIN/python" -c 'import secrets; print(secrets.token_urlsafe(50))')
# A card signing key made up for this run (never one in the repository).
VOLUNTEERCARD_SIGNING_KEY=$("$BIN/python" -c 'import base64, secrets; print(base64.b64encode(secrets.token_bytes(32)).decode())')
export SECRET_KEY VOLUNTEERCARD_SIGNING_KEY DATABASE_URL="sqlite:///$work/db.sqlite3"
export STATIC_ROOT="$work/static" MEDIA_ROOT="$work/media"

"$BIN/python" manage.py collectstatic --no-input --verbosity 0
"$BIN/python" manage.py migrate --no-input --verbosity 0
"$BIN/python" manage.py import_registry engagiert/registry/data/nrw_kommunen.csv >/dev/null

GUNICORN_BIND="127.0.0.1:$PORT" GUNICORN_WORKERS=2 \
  "$BIN/gunicorn" -c gunicorn.conf.py engagiert.wsgi >"$work/gunicorn.log" 2>&1 &
server=$!
for _ in $(seq 1 60); do
  curl -s -o /dev/null "http://127.0.0.1:$PORT/healthz" && break
  kill -0 "$server" 2>/dev/null || { cat "$work/gunicorn.log"; exit 1; }
  sleep 0.5
done

failed=0
check() {  # check PATH: 200 and no header naming gunicorn
  local status
  status=$(curl -s -o "$work/body" -D "$work/headers" -w '%{http_code}' "http://127.0.0.1:$PORT$1")
  if [ "$status" != 200 ]; then
    echo "FAIL $1 answered $status"; failed=1
  elif grep -qi gunicorn "$work/headers"; then
    echo "FAIL $1 names gunicorn: $(grep -i gunicorn "$work/headers")"; failed=1
  else
    echo "ok   $1"
  fi
}
for path in / /kommunen/ /konto/anmelden/ /ehrenamtskarte/pruefen/ /healthz; do check "$path"; done
# The stylesheet the last page links, under its fingerprinted name.
check "$(curl -s "http://127.0.0.1:$PORT/" | grep -o '/static/vendor/kern/kern\.min\.[0-9a-f]*\.css' | head -1)"

if [ "$failed" != 0 ]; then
  echo "--- gunicorn log"; cat "$work/gunicorn.log"; exit 1
fi
