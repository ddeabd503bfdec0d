#!/usr/bin/env bash
# Serve the demo cluster with its background worker (django-tasks); Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."
port="${1:-8000}"
.venv/bin/python manage.py db_worker --queue-name '*' &
worker=$!
trap 'kill $worker 2>/dev/null || true' EXIT INT TERM
echo "后台任务进程已启动 (pid $worker)"
echo "门户  http://hedong.localhost:${port}/"
echo "部门  http://fgw.localhost:${port}/  （门户内路径 http://hedong.localhost:${port}/bm/fgw/）"
echo "后台  http://hedong.localhost:${port}/admin/  用户名 admin  密码 SiteCluster@2026"
echo "统一身份认证（单点登录） http://login.localhost:${port}/"
.venv/bin/python manage.py runserver "0.0.0.0:${port}"
