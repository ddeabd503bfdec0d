"""/healthz as a load balancer and a monitoring system see it: every check, every failure mode.

Failures are real: a database alias and a Redis cache pointing at a closed loopback port, an
Elasticsearch URL nobody listens on, a heartbeat row older than the stale limit.
"""

from __future__ import annotations

import json
import socket
from datetime import timedelta

from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connections
from django.db.utils import load_backend
from django.test import RequestFactory, TestCase, override_settings
from django.utils import timezone

from search.engines import reset_engines
from sitecluster.health.heartbeat import worker_heartbeat
from sitecluster.health.models import WorkerHeartbeat
from sitecluster.health.proxy import ForwardedClientMiddleware

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def closed_port() -> int:
    """A loopback port nothing listens on (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class HealthzTests(TestCase):
    def healthz(self, query="", host="lb-probe.invalid"):
        response = self.client.get("/healthz" + query, HTTP_HOST=host)
        return response, json.loads(response.content)

    def test_all_checks_pass_on_any_host_without_caching(self):
        response, body = self.healthz()
        self.assertEqual(response.status_code, 200)
        self.assertEqual(body["status"], "ok")
        self.assertEqual(set(body["checks"]), {"database", "cache", "worker", "search"})
        self.assertTrue(all(check["ok"] for check in body["checks"].values()))
        self.assertEqual(response["Cache-Control"], "no-store")
        # Tests run tasks immediately: no worker to wait for.
        self.assertEqual(body["checks"]["worker"]["backend"], "immediate")

    def test_unknown_host_does_not_get_the_site_not_found_page(self):
        response, _ = self.healthz(host="10.0.0.7")
        self.assertEqual(response.status_code, 200)
        self.assertNotContains(response, "未找到该网站")

    def test_database_down_is_503(self):
        # A PostgreSQL connection to a closed loopback port, created on the fly (not in
        # settings.DATABASES, so the test database machinery leaves it alone).
        settings_dict = {
            **connections["default"].settings_dict,
            "ENGINE": "django.db.backends.postgresql",
            "NAME": "sitecluster_down",
            "HOST": "127.0.0.1",
            "PORT": str(closed_port()),
            "USER": "nobody",
            "OPTIONS": {"connect_timeout": 2},
            "CONN_MAX_AGE": 0,
        }
        connections["down"] = load_backend(settings_dict["ENGINE"]).DatabaseWrapper(
            settings_dict, "down"
        )
        try:
            with override_settings(SITECLUSTER_HEALTH={"DATABASE": "down"}):
                response, body = self.healthz()
        finally:
            connections["down"].close()
            del connections["down"]
        self.assertEqual(response.status_code, 503)
        self.assertEqual(body["status"], "fail")
        self.assertFalse(body["checks"]["database"]["ok"])
        self.assertEqual(body["checks"]["database"]["error"], "OperationalError")
        # The public answer names no host or port.
        self.assertNotIn("127.0.0.1", response.content.decode())

    def test_cache_down_is_503(self):
        caches = {
            "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
            "shared": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": f"redis://127.0.0.1:{closed_port()}/0",
            },
        }
        with override_settings(CACHES=caches):
            response, body = self.healthz()
        self.assertEqual(response.status_code, 503)
        self.assertFalse(body["checks"]["cache"]["ok"])
        self.assertTrue(body["checks"]["database"]["ok"])

    def test_search_engine_down_is_degraded_not_503_unless_strict(self):
        broken = {
            "ELASTICSEARCH_URL": f"http://127.0.0.1:{closed_port()}",
            "INDEX": "sitecluster-health",
            "TIMEOUT": 2,
        }
        with override_settings(SITECLUSTER_SEARCH=broken):
            reset_engines()
            try:
                response, body = self.healthz()
                strict, _ = self.healthz("?strict=1")
            finally:
                reset_engines()
        self.assertEqual(response.status_code, 200)
        self.assertEqual(body["status"], "degraded")
        self.assertFalse(body["checks"]["search"]["ok"])
        self.assertEqual(strict.status_code, 503)


@override_settings(TASKS=DB_TASKS)
class WorkerHeartbeatTests(TestCase):
    def healthz(self, query=""):
        response = self.client.get("/healthz" + query, HTTP_HOST="lb-probe.invalid")
        return response, json.loads(response.content)

    def test_no_heartbeat_yet_is_degraded(self):
        response, body = self.healthz()
        self.assertEqual(response.status_code, 200)
        self.assertEqual(body["status"], "degraded")
        self.assertFalse(body["checks"]["worker"]["ok"])

    def test_stale_heartbeat_fails_the_worker_check(self):
        WorkerHeartbeat.objects.create(
            worker_id="web-1", beat_at=timezone.now() - timedelta(minutes=10)
        )
        response, body = self.healthz("?strict=1")
        self.assertEqual(response.status_code, 503)
        self.assertFalse(body["checks"]["worker"]["ok"])
        self.assertGreaterEqual(body["checks"]["worker"]["heartbeat_age_s"], 600)

    def test_the_worker_writes_its_heartbeat_and_keeps_one_chain(self):
        with open("/dev/null", "w") as devnull:
            call_command("healthcheck", "--schedule-heartbeat", stdout=devnull)
            # Scheduling twice does not start a second chain.
            call_command("healthcheck", "--schedule-heartbeat", stdout=devnull)
        from django_tasks_db.models import DBTaskResult

        # (Other apps' chains, e.g. scheduled publishing, share the table: look at ours only.)
        ours = DBTaskResult.objects.filter(task_path=worker_heartbeat.module_path)
        self.assertEqual(ours.filter(status="READY").count(), 1)
        # The real worker loop, until nothing is ready (the next heartbeat is in the future).
        # It closes "old" connections between tasks; inside this test's transaction that would
        # close the test's own PostgreSQL connection, so that housekeeping is left out here.
        from unittest import mock

        from django_tasks_db.management.commands import db_worker

        with mock.patch.object(db_worker, "close_old_connections", lambda: None):
            call_command("db_worker", batch=True, interval=0, worker_id="health-test", verbosity=0)
        beat = WorkerHeartbeat.objects.get()
        self.assertEqual(beat.worker_id, "health-test")
        self.assertLess(timezone.now() - beat.beat_at, timedelta(minutes=1))
        rows = ours.all()
        self.assertEqual(sorted(rows.values_list("status", flat=True)), ["READY", "SUCCESSFUL"])
        self.assertGreater(rows.get(status="READY").run_after, timezone.now())
        response, body = self.healthz("?strict=1")
        self.assertEqual(response.status_code, 200, body)
        self.assertTrue(body["checks"]["worker"]["ok"])
        self.assertGreaterEqual(body["checks"]["worker"]["scheduled"], 1)


class HealthcheckCommandTests(TestCase):
    def test_passes_and_prints_each_check(self):
        with open("/dev/null", "w") as devnull:
            call_command("healthcheck", stdout=devnull)

    @override_settings(TASKS=DB_TASKS)
    def test_strict_fails_without_a_worker(self):
        with open("/dev/null", "w") as devnull, self.assertRaises(CommandError):
            call_command("healthcheck", "--strict", stdout=devnull)


class ForwardedClientTests(TestCase):
    def address(self, remote, forwarded):
        request = RequestFactory().get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)
        seen = {}

        def view(req):
            seen["addr"] = req.META["REMOTE_ADDR"]

        ForwardedClientMiddleware(view)(request)
        return seen["addr"]

    def test_trusts_the_header_only_from_nginx_on_loopback(self):
        self.assertEqual(self.address("127.0.0.1", "203.0.113.9"), "203.0.113.9")
        # Whatever a client put in front of it, the right-most entry is what nginx saw.
        self.assertEqual(self.address("127.0.0.1", "10.1.1.1, 203.0.113.9"), "203.0.113.9")
        self.assertEqual(self.address("198.51.100.2", "203.0.113.9"), "198.51.100.2")
