"""/healthz: answered before host routing, HTTPS redirects and the page cache.

A load balancer probes each node by address, over plain HTTP, with any Host header; so this
middleware runs first and answers on every host without consulting ALLOWED_HOSTS, the cluster's
host table or the SSL redirect. The JSON names each check's outcome, timing and error class
only — never hosts, ports or messages (those are in the 系统状态 admin panel).
"""

from __future__ import annotations

from django.http import JsonResponse

from .checks import overall, run_checks

HEALTHZ_PATH = "/healthz"


def healthz_response(strict: bool) -> JsonResponse:
    results = run_checks()
    status = overall(results)
    failed = status == "fail" or (strict and status != "ok")
    response = JsonResponse(
        {"status": status, "checks": {r.name: r.public() for r in results}},
        status=503 if failed else 200,
        json_dumps_params={"ensure_ascii": False},
    )
    response["Cache-Control"] = "no-store"
    return response


class HealthCheckMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.rstrip("/") == HEALTHZ_PATH and request.method in ("GET", "HEAD"):
            strict = request.GET.get("strict", "") in ("1", "true", "yes")
            return healthz_response(strict)
        return self.get_response(request)
