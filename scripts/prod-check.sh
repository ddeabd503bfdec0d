#!/usr/bin/env bash
# make prod-check: start the production configuration on this machine, smoke-test it over several
# hostnames, print a PASS/FAIL table and stop everything (docs/deployment.md, "Checking a build").
#
#   scripts/prod-check.sh            check, then stop
#   scripts/prod-check.sh --serve    check, then keep serving until Ctrl-C / SIGTERM (bench/load
#                                    uses this; it prints "PROD-CHECK READY <env file>")
#
# What runs: nginx as this user on 127.0.0.1:$PROD_CHECK_NGINX_PORT (own prefix, pid, logs and
# temp dirs in a temporary folder) with the config `manage.py cluster nginx-config` generates,
# gunicorn with deploy/gunicorn.conf.py, `manage.py db_worker`, production settings with
# throw-away secrets, PostgreSQL (database $PROD_CHECK_DB, dropped and recreated) and Redis
# (db $PROD_CHECK_REDIS_DB, flushed) on loopback. Elasticsearch only when ELASTICSEARCH_URL is set.
#
# TLS: nginx listens in plain HTTP here and tells the application the request arrived over
# https (`--forwarded-proto https`), exactly what the TLS-terminating nginx of production does;
# so SECURE_SSL_REDIRECT, secure cookies and HSTS stay on and are exercised.
set -uo pipefail

cd "$(dirname "$0")/.."
REPO=$PWD
PY=$REPO/.venv/bin/python
NGINX=${NGINX:-/usr/sbin/nginx}
NGINX_PORT=${PROD_CHECK_NGINX_PORT:-18680}
APP_PORT=${PROD_CHECK_APP_PORT:-18681}
PGHOST=${PROD_CHECK_PGHOST:-127.0.0.1}
PGUSER=${PROD_CHECK_PGUSER:-postgres}
DB=${PROD_CHECK_DB:-h6deploy}
REDIS_DB=${PROD_CHECK_REDIS_DB:-3}
NEWS=${PROD_CHECK_NEWS:-40}
POLICIES=${PROD_CHECK_POLICIES:-12}
SERVE=0
[[ "${1:-}" == "--serve" ]] && SERVE=1

WORK=$(mktemp -d /tmp/sitecluster-prod-check.XXXXXX)
chmod 755 "$WORK"
PIDS=()
FAILED=0
RESULTS=()

say() { printf '%s\n' "$*"; }

cleanup() {
    local status=$?
    trap - EXIT INT TERM
    say "== stopping"
    for pid in "${PIDS[@]}"; do
        kill -TERM "$pid" 2>/dev/null
    done
    for pid in "${PIDS[@]}"; do
        for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
        kill -KILL "$pid" 2>/dev/null
        wait "$pid" 2>/dev/null
    done
    psql -q -h "$PGHOST" -U "$PGUSER" -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" \
        >/dev/null 2>&1
    redis-cli -n "$REDIS_DB" flushdb >/dev/null 2>&1
    if [[ $FAILED -ne 0 || $status -ne 0 ]]; then
        say "logs kept in $WORK"
    else
        rm -rf "$WORK"
    fi
    exit $(( status != 0 ? status : FAILED ))
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

die() { say "prod-check: $*" >&2; FAILED=1; exit 1; }

[[ -x $PY ]] || die "no .venv: run make install first"
[[ -x $NGINX ]] || die "nginx not found at $NGINX (apt-get install nginx-light)"
pg_isready -q -h "$PGHOST" || die "PostgreSQL is not accepting connections on $PGHOST:5432"
redis-cli -n "$REDIS_DB" ping >/dev/null 2>&1 || die "Redis is not answering on 127.0.0.1:6379"

# -- environment: production settings, throw-away secrets ---------------------------------------
mkdir -p "$WORK/var" "$WORK/nginx/logs" "$WORK/nginx/temp"
openssl genrsa -out "$WORK/oidc-signing-key.pem" 2048 2>/dev/null || die "openssl genrsa failed"
cat >"$WORK/env" <<EOF
DJANGO_SETTINGS_MODULE=sitecluster.settings.production
DJANGO_SECRET_KEY=$("$PY" -c 'import secrets; print(secrets.token_urlsafe(50))')
DATABASE_URL=postgres://$PGUSER@$PGHOST:5432/$DB
REDIS_URL=redis://127.0.0.1:6379/$REDIS_DB
DJANGO_ALLOWED_HOSTS=.localhost,127.0.0.1
SITECLUSTER_VAR_DIR=$WORK/var
SITECLUSTER_OIDC_PRIVATE_KEY_FILE=$WORK/oidc-signing-key.pem
SITECLUSTER_PUBLIC_PORT=443
SITECLUSTER_DEMO_DOMAIN=localhost
SITECLUSTER_ADMIN_BASE_URL=https://hedong.localhost
ELASTICSEARCH_URL=${ELASTICSEARCH_URL:-}
DJANGO_LOG_LEVEL=WARNING
PROD_CHECK_NGINX_PORT=$NGINX_PORT
EOF
set -a; source "$WORK/env"; set +a
export PYTHONUNBUFFERED=1

step() { say "== $*"; }
manage() { "$PY" manage.py "$@" >>"$WORK/setup.log" 2>&1 || { tail -30 "$WORK/setup.log"; die "manage.py $* failed"; }; }

step "fresh database $DB, Redis db $REDIS_DB"
psql -q -h "$PGHOST" -U "$PGUSER" -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null \
    && psql -q -h "$PGHOST" -U "$PGUSER" -d postgres -c "CREATE DATABASE $DB" >/dev/null \
    || die "cannot create database $DB"
redis-cli -n "$REDIS_DB" flushdb >/dev/null

step "manage.py check --deploy, migrate, collectstatic"
manage check --deploy
# Warnings do not stop the check (errors do); they are listed in the table as WARN.
DEPLOY_WARNINGS=$("$PY" manage.py check --deploy --fail-level WARNING 2>&1 | grep -oE '\(([a-z_0-9]+\.[A-Z][0-9]+)\)' | tr -d '()' | sort -u | tr '\n' ' ')
manage migrate --noinput
manage createcachetable
manage collectstatic --noinput
step "demo cluster ($NEWS news, $POLICIES policies), cluster sync, search index"
manage load_demo_cluster --news "$NEWS" --policies "$POLICIES"
manage cluster sync
manage cluster rebuild-search

step "nginx config from the cluster's sites"
manage cluster nginx-config --upstream "127.0.0.1:$APP_PORT" --listen "127.0.0.1:$NGINX_PORT" \
    --forwarded-proto https --output "$WORK/nginx/sitecluster.conf"
cat >"$WORK/nginx/nginx.conf" <<EOF
# prod-check: the nginx of production, run as $(id -un) with everything under $WORK/nginx.
worker_processes 2;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/logs/error.log warn;
events { worker_connections 1024; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    tcp_nopush on;
    keepalive_timeout 65;
    access_log $WORK/nginx/logs/access.log;
    client_body_temp_path $WORK/nginx/temp/client_body;
    proxy_temp_path $WORK/nginx/temp/proxy;
    fastcgi_temp_path $WORK/nginx/temp/fastcgi;
    uwsgi_temp_path $WORK/nginx/temp/uwsgi;
    scgi_temp_path $WORK/nginx/temp/scgi;
    include $WORK/nginx/sitecluster.conf;
}
EOF
"$NGINX" -t -q -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -e "$WORK/nginx/logs/error.log" \
    2>"$WORK/nginx/test.log" || { cat "$WORK/nginx/test.log"; die "nginx -t failed"; }
# nginx's workers (an unprivileged user when run as root) must read static and media files.
chmod -R a+rX "$WORK/var"

step "start gunicorn :$APP_PORT, db_worker, nginx :$NGINX_PORT"
"$PY" -m gunicorn -c deploy/gunicorn.conf.py --bind "127.0.0.1:$APP_PORT" --workers 2 \
    sitecluster.wsgi:application >"$WORK/gunicorn.log" 2>&1 &
PIDS+=($!)
"$PY" manage.py db_worker --interval 1 >"$WORK/worker.log" 2>&1 &
PIDS+=($!)
"$NGINX" -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -e "$WORK/nginx/logs/error.log" \
    -g "daemon off;" >"$WORK/nginx/logs/stdout.log" 2>&1 &
PIDS+=($!)
manage healthcheck --schedule-heartbeat

BASE="http://127.0.0.1:$NGINX_PORT"
for _ in $(seq 1 120); do
    body=$(curl -s -m 5 "$BASE/healthz" 2>/dev/null)
    [[ $body == *'"worker": {"ok": true'* ]] && break
    sleep 0.5
done

# -- smoke tests ------------------------------------------------------------------------------
# check <label> <host> <path> <expected status> [header regex] [body substring]
check() {
    local label=$1 host=$2 path=$3 want=$4 header=${5:-} text=${6:-}
    local out status detail=""
    out=$(curl -s -m 20 -o "$WORK/body" -D "$WORK/headers" -w '%{http_code}' \
        -H "Host: $host" "$BASE$path")
    status=$out
    local ok=1
    [[ $status == "$want" ]] || { ok=0; detail="HTTP $status, expected $want"; }
    if [[ $ok == 1 && -n $header ]] && ! grep -qiE "$header" "$WORK/headers"; then
        ok=0; detail="no header matching /$header/"
    fi
    if [[ $ok == 1 && -n $text ]] && ! grep -qF "$text" "$WORK/body"; then
        ok=0; detail="body lacks “$text”"
    fi
    if [[ $ok == 1 ]]; then
        RESULTS+=("PASS|$label|$host$path|$status")
    else
        FAILED=1
        RESULTS+=("FAIL|$label|$host$path|$detail")
    fi
}

step "smoke tests over nginx :$NGINX_PORT"
if [[ -n $DEPLOY_WARNINGS ]]; then
    RESULTS+=("WARN|manage.py check --deploy warnings|-|$DEPLOY_WARNINGS")
else
    RESULTS+=("PASS|manage.py check --deploy warnings|-|none")
fi
check "portal home" hedong.localhost / 200 "" "河东区"
check "member site, own hostname" fgw.localhost / 200 "" "发展和改革"
check "member site, portal path" hedong.localhost /bm/fgw/ 200 "" "发展和改革"
check "street office, portal path" hedong.localhost /jd/xhjd/ 200
check "old hostname → canonical (nginx 301)" www.hedong.localhost "/x?y=1" 301 \
    "^location: https://hedong\.localhost/x\?y=1"
check "old hostname → portal path (nginx 301)" hdnyj.localhost /a/ 301 \
    "^location: https://hedong\.localhost/bm/nyj/a/"
check "unknown host → 未找到该网站" unknown.localhost / 404 "" "未找到该网站"
curl -s -m 20 -H "Host: hedong.localhost" "$BASE/" -o "$WORK/portal.html"
static=$(grep -oE '/static/[^"?]+\.[0-9a-f]{12}\.(css|js)' "$WORK/portal.html" | head -1)
if [[ -n $static ]]; then
    check "static file, long cache" hedong.localhost "$static" 200 "max-age=31536000"
else
    FAILED=1; RESULTS+=("FAIL|static file, long cache|hedong.localhost|no fingerprinted /static/ URL in the portal page")
fi
media=$(grep -oE '/media/[^"? ]+\.(jpg|jpeg|png|webp|gif)' "$WORK/portal.html" | head -1)
if [[ -z $media ]]; then
    mkdir -p "$WORK/var/media/images" && printf 'GIF89a' >"$WORK/var/media/images/prod-check.gif"
    chmod -R a+rX "$WORK/var/media"
    media=/media/images/prod-check.gif
fi
check "public media file" hedong.localhost "$media" 200 "cache-control: public"
mkdir -p "$WORK/var/media/disclosure_replies/PC1" "$WORK/var/media/documents"
echo secret >"$WORK/var/media/disclosure_replies/PC1/reply.pdf"
echo secret >"$WORK/var/media/documents/private.pdf"
chmod -R a+rX "$WORK/var/media"
check "依申请公开 reply refused" hedong.localhost /media/disclosure_replies/PC1/reply.pdf 404
check "document file not public" hedong.localhost /media/documents/private.pdf 404
check "/healthz (any host)" 127.0.0.1 /healthz 200 "cache-control: no-store" '"status": "ok"'
check "admin login page" hedong.localhost /admin/login/ 200 "" "登录"
check "search" hedong.localhost "/search/?q=%E7%BB%8F%E6%B5%8E" 200
check "HSTS from the application" fgw.localhost "/search/?q=x" 200 \
    "^strict-transport-security: max-age=31536000"
if [[ -f deploy/nginx/page-cache.conf ]]; then
    curl -s -o /dev/null -H "Host: fgw.localhost" "$BASE/gzdt/"  # rendered once, then stored
    check "page store answers anonymous views" fgw.localhost /gzdt/ 200 "^x-page-cache: HIT"
fi

say ""
# The table, padded by display width (Chinese characters take two columns).
printf '%s\n' "RESULT|CHECK|REQUEST|DETAIL" "${RESULTS[@]}" | "$PY" -c '
import sys, unicodedata
def pad(text, width):
    used = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
    return text + " " * max(1, width - used)
for line in sys.stdin:
    result, label, request, detail = line.rstrip("\n").split("|", 3)
    print(pad(result, 7) + pad(label, 40) + pad(request, 50) + detail)
'
say ""
if [[ $FAILED -ne 0 ]]; then
    say "prod-check: FAIL (logs in $WORK)"
    exit 1
fi
say "prod-check: PASS (${#RESULTS[@]} checks)"
if [[ $SERVE -eq 1 ]]; then
    trap 'exit 0' INT TERM  # the caller stops the stack: a clean stop, not a failure
    say "PROD-CHECK READY $WORK/env"
    wait "${PIDS[0]}"
fi
