"""Helpers for the account-security tests: logging in over HTTP like a browser does."""

from __future__ import annotations

from wagtail.models import ModelLogEntry

from sitecluster.tenancy.models import ClusterSite  # noqa: F401 - re-exported for tests
from tests.sitecluster.isolation.world import PASSWORD

LOGIN_URL = "/accounts/login/"
SECOND_FACTOR_URL = "/accounts/login/verify/"


def login(client, username, password=PASSWORD, *, address="10.0.0.1", next_url=None, path=None):
    data = {"username": username, "password": password}
    if next_url is not None:
        data["next"] = next_url
    return client.post(path or LOGIN_URL, data, REMOTE_ADDR=address)


def logged_in_user_id(client):
    return client.session.get("_auth_user_id")


def entries(action, **filters):
    return ModelLogEntry.objects.filter(action=action, **filters)
