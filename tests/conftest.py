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
