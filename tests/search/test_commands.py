"""manage.py rebuild_search: rebuilds every row with a progress bar."""

import io

import pytest

from django.core.management import call_command

from search.engines import get_engine
from search.models import SearchDocument

from .conftest import article, run_search, titles

pytestmark = pytest.mark.django_db


def test_rebuild_restores_a_lost_index_and_shows_progress(cluster, engine_name):
    article(cluster.fgw_columns["gzdt"], "河东区老旧小区改造计划", "改造三十个小区。")
    expected = set(SearchDocument.objects.values_list("page_id", flat=True))
    SearchDocument.objects.all().delete()
    if not get_engine().external:  # Elasticsearch keeps its copy until the rebuild
        assert run_search("老旧小区").count == 0

    output = io.StringIO()
    call_command("rebuild_search", stdout=output)

    assert set(SearchDocument.objects.values_list("page_id", flat=True)) == expected
    assert titles(run_search("老旧小区")) == ["河东区老旧小区改造计划"]
    text = output.getvalue()
    assert "] " in text and "页/秒" in text  # the progress bar
    assert f"{len(expected)} 个页面" in text
