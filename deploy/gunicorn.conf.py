"""gunicorn settings for SiteCluster behind nginx (docs/deployment.md).

Override any of these on the command line or with gunicorn's own ``GUNICORN_CMD_ARGS``
(e.g. ``GUNICORN_CMD_ARGS="--bind 127.0.0.1:8002 --workers 4"``); command-line flags win over
this file. The systemd unit (deploy/systemd/sitecluster-web.service) starts
``gunicorn -c deploy/gunicorn.conf.py sitecluster.wsgi:application``.
"""

import multiprocessing

# Loopback only: nginx is the one client, and it sets X-Forwarded-For / X-Forwarded-Proto.
bind = "127.0.0.1:8001"
# Sync workers: page rendering is CPU-bound; anonymous pages come from the page store anyway.
worker_class = "sync"
workers = min(2 * multiprocessing.cpu_count() + 1, 9)
# A worker that hangs longer than this is killed and replaced (uploads and exports included).
timeout = 60
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then so slow leaks (template caches, jieba) never build up.
max_requests = 2000
max_requests_jitter = 200
# Import the application once in the master, then fork: faster start, shared memory pages.
preload_app = True
# Trust X-Forwarded-Proto (wsgi.url_scheme) only from nginx on this machine.
forwarded_allow_ips = "127.0.0.1,::1"
# Logs to stdout/stderr: systemd's journal keeps them (journalctl -u sitecluster-web).
accesslog = "-"
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms "%({x-forwarded-for}i)s"'
errorlog = "-"
loglevel = "info"
proc_name = "sitecluster-web"
# No gunicorn control socket: the unit manages the process (gunicorn ≥ 25).
control_socket_disable = True


def post_fork(server, worker):
    """Never share a database connection the master may have opened while preloading."""
    from django.db import connections

    connections.close_all()
