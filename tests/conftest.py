import shutil

import pytest

from django.conf import settings
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _clear_cache():
    """Host lookups are cached; every test starts from an empty cache."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(scope="session", autouse=True)
def _test_media_root():
    yield
    shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)


def _flushes_the_database(item) -> bool:
    """Transactional tests (live servers, real commits) end with a flush of the test database."""
    marker = item.get_closest_marker("django_db")
    if marker is not None and marker.kwargs.get("transaction"):
        return True
    names = getattr(item, "fixturenames", ())
    if "transactional_db" in names or "live_server" in names:
        return True
    cls = getattr(item, "cls", None)
    if cls is not None:
        from django.test import TestCase, TransactionTestCase

        return issubclass(cls, TransactionTestCase) and not issubclass(cls, TestCase)
    return False


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """Put back what migrations created after a transactional test flushed it.

    In one process pytest-django runs every transactional test after all the others, so the
    flush hurts nobody. Under pytest-xdist a worker runs whole files in the scheduler's order,
    and the next file's tests would find no root page, no default site and fresh content type
    ids. The baseline is the serialized database pytest-django keeps for serialized rollbacks.
    """
    yield
    if not _flushes_the_database(item):
        return
    from pytest_django.plugin import blocking_manager_key

    from django.core.management import call_command
    from django.db import connections

    blocker = item.config.stash[blocking_manager_key]
    with blocker.unblock():
        for connection in connections.all(initialized_only=True):
            baseline = getattr(connection, "_test_serialized_contents", None)
            if baseline is None:
                continue
            call_command(
                "flush",
                database=connection.alias,
                interactive=False,
                verbosity=0,
                inhibit_post_migrate=True,
            )
            connection.creation.deserialize_db_from_string(baseline)
    # Content type ids are the baseline's again, not those a post-migrate flush handed out.
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()
