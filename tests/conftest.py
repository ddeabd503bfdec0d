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
    if nextitem is None or not _flushes_the_database(item):
        # After the last test the session has already destroyed the test databases and the
        # connections point at the real ones again: never touch those.
        return
    from pytest_django.plugin import blocking_manager_key

    from django.apps import apps
    from django.core.management import call_command
    from django.core.management.color import no_style
    from django.db import connections

    blocker = item.config.stash[blocking_manager_key]
    with blocker.unblock():
        for connection in connections.all(initialized_only=True):
            baseline = getattr(connection, "_test_serialized_contents", None)
            if baseline is None or (
                connection.settings_dict["NAME"] != connection.creation._get_test_db_name()
            ):
                continue
            call_command(
                "flush",
                database=connection.alias,
                interactive=False,
                verbosity=0,
                inhibit_post_migrate=True,
            )
            connection.creation.deserialize_db_from_string(baseline)
            # Rows came back with their ids; PostgreSQL's sequences must continue after them.
            statements = connection.ops.sequence_reset_sql(
                no_style(), apps.get_models(include_auto_created=True)
            )
            with connection.cursor() as cursor:
                for statement in statements:
                    cursor.execute(statement)
    # Content type ids are the baseline's again, not those a post-migrate flush handed out.
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()
