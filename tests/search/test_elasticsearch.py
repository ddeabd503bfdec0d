"""Elasticsearch without a server: golden request bodies and the rebuild/alias/queue logic.

Requests go through the real client and transport to :class:`RecordingNode`, which records
them and answers like a small cluster. Golden files: ``tests/search/golden/*.json``; after an
intended change, regenerate them with ``UPDATE_GOLDEN=1 pytest tests/search/test_elasticsearch.py``
and review the diff. The behavioural suite runs against a real server when ELASTICSEARCH_URL is
set (see docs/search.md).
"""

import io
import json
import os
from pathlib import Path

import pytest

from django.core.management import call_command

from search import indexing
from search.engines import Filters, SearchRequest, get_engine, reset_engines
from search.engines.elastic import template_for
from search.models import PendingPush, SearchDocument
from tests.cluster import PORTAL_HOST

from . import es_recording
from .conftest import article

GOLDEN = Path(__file__).parent / "golden"
RECORDING = {
    "ENGINE": "elasticsearch",
    "ELASTICSEARCH_URL": "http://es.test:9200",
    "INDEX": "sitecluster",
    "TRANSPORT_CLASS": "tests.search.es_recording.RecordingNode",
}


def assert_golden(name, data):
    path = GOLDEN / f"{name}.json"
    text = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert json.loads(path.read_text(encoding="utf-8")) == json.loads(text), (
        f"{path.name} changed; review and regenerate with UPDATE_GOLDEN=1"
    )


@pytest.fixture
def recording(settings):
    es_recording.CLUSTER = es_recording.FakeCluster()
    settings.SITECLUSTER_SEARCH = dict(RECORDING)
    reset_engines()
    yield es_recording.CLUSTER
    reset_engines()


def test_index_template_mapping_and_analyzers():
    assert_golden("index_template", template_for("sitecluster").to_dict())


@pytest.mark.django_db
def test_search_request_bodies(recording):
    engine = get_engine()
    engine.search(
        SearchRequest(
            text="发改委营商环境通知", filters=Filters(site_id=7, year=2024), sort="relevance"
        ),
        synonyms={"发改委": ["发改委", "发展和改革委员会"]},
    )
    bodies = [r.body for r in recording.of("POST", "_search")]
    assert_golden("search_requests", bodies)


@pytest.mark.django_db
def test_exact_number_and_date_sort_request_bodies(recording):
    get_engine().search(SearchRequest(text="河发改发〔2025〕12号", sort="date", page=2))
    assert_golden("search_requests_number_date", [r.body for r in recording.of("POST", "_search")])


@pytest.mark.django_db
def test_publishing_pushes_bulk_changes_from_the_queue(recording, cluster):
    page = article(cluster.fgw_columns["gzdt"], "河东区推进数字政府建设", "一网通办。")
    last_bulk = recording.of("PUT", "_bulk")[-1].body
    assert {"index": {"_index": "sitecluster", "_id": page.pk}} in last_bulk
    source = last_bulk[last_bulk.index({"index": {"_index": "sitecluster", "_id": page.pk}}) + 1]
    assert source["title"] == "河东区推进数字政府建设"
    assert "数字" in source["title_tokens"].split()
    page.unpublish()
    last_bulk = recording.of("PUT", "_bulk")[-1].body
    assert {"delete": {"_index": "sitecluster", "_id": page.pk}} in last_bulk
    assert not PendingPush.objects.exists()


@pytest.mark.django_db
def test_rebuild_fills_a_new_index_and_swaps_the_alias_atomically(recording, cluster):
    old_index = recording.aliases["sitecluster"]
    recording.requests.clear()
    output = io.StringIO()
    call_command("rebuild_search", stdout=output)
    assert "搜索索引已重建（elasticsearch）" in output.getvalue()
    new_index = recording.aliases["sitecluster"]
    assert new_index != old_index and new_index.startswith("sitecluster-")
    assert set(recording.indices[new_index]) == {
        str(pk) for pk in SearchDocument.objects.values_list("page_id", flat=True)
    }
    assert old_index not in recording.indices
    (swap,) = recording.of("POST", "_aliases")
    assert swap.body["actions"] == [
        {"remove": {"index": old_index, "alias": "sitecluster"}},
        {"add": {"index": new_index, "alias": "sitecluster", "is_write_index": True}},
    ]
    order = [(r.method, r.path.split("?")[0]) for r in recording.requests]
    # Template, new index, bulk fill, refresh, then the swap, and only then the old index goes.
    assert order.index(("PUT", f"/{new_index}")) < order.index(("PUT", "/_bulk"))
    assert order.index(("POST", "/_aliases")) < order.index(("DELETE", f"/{old_index}"))
    assert recording.of("PUT", "_index_template/sitecluster-template")[0].body == json.loads(
        (GOLDEN / "index_template.json").read_text(encoding="utf-8")
    )


@pytest.mark.django_db
def test_engine_down_publishing_works_changes_queue_and_replay(settings, cluster, client):
    settings.SITECLUSTER_SEARCH = {
        "ENGINE": "elasticsearch",
        "ELASTICSEARCH_URL": "http://127.0.0.1:9",  # nothing listens: connection refused
        "INDEX": "sitecluster",
        "TIMEOUT": 1,
    }
    page = article(cluster.fgw_columns["gzdt"], "冬季供暖保障工作方案", "确保居民温暖过冬。")
    assert page.live
    assert PendingPush.objects.filter(page_id=page.pk).exists()
    html = client.get("/search/", {"q": "供暖保障"}, HTTP_HOST=PORTAL_HOST).content.decode()
    assert "搜索服务正在维护" in html
    assert "冬季<mark>供暖保障</mark>工作方案" in html  # served from the embedded index
    es_recording.CLUSTER = es_recording.FakeCluster()
    settings.SITECLUSTER_SEARCH = dict(RECORDING)  # the server is back
    reset_engines()
    assert indexing.flush() == 0
    pushed = [line for r in es_recording.CLUSTER.of("PUT", "_bulk") for line in r.body]
    assert {"index": {"_index": "sitecluster", "_id": page.pk}} in pushed
    assert not PendingPush.objects.exists()
