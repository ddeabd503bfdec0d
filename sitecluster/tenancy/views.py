import logging

from django.shortcuts import render

logger = logging.getLogger(__name__)


def unknown_host(request, *args, **kwargs):
    """Answer a hostname that belongs to no site of the cluster (multisite's fallback view)."""
    host = request.META.get("HTTP_HOST", "")
    logger.info("Request for unknown host %r", host)
    return render(request, "tenancy/unknown_host.html", {"host": host[:255]}, status=404)


def page_not_found(request, exception=None):
    return render(request, "404.html", {"request_path": request.path}, status=404)


def server_error(request):
    # No database access here: the error may be the database itself.
    return render(request, "500.html", status=500)
