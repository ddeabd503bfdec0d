import os
import uuid

import pytest

from content_models.articles.factories import ArticlePageFactory
from search.engines import Filters, SearchRequest, get_engine, reset_engines
from tests.cluster import build_two_site_cluster

ENGINES = [
    "database",
    pytest.param(
        "elasticsearch",
        marks=pytest.mark.skipif(
            not os.environ.get("ELASTICSEARCH_URL"),
            reason="live Elasticsearch suite: set ELASTICSEARCH_URL=http://host:9200 to run it",
        ),
    ),
]


@pytest.fixture(params=ENGINES)
def engine_name(request, settings):
    """The same behavioural tests run on the embedded engine and, when reachable, Elasticsearch."""
    if request.param == "elasticsearch":
        settings.SITECLUSTER_SEARCH = {
            "ENGINE": "elasticsearch",
            "ELASTICSEARCH_URL": os.environ["ELASTICSEARCH_URL"],
            "INDEX": f"sitecluster-test-{uuid.uuid4().hex[:8]}",
        }
        reset_engines()
        yield request.param
        engine = get_engine()
        # Explicit names: Elasticsearch refuses wildcard deletes by default.
        names = sorted(engine.client.indices.get(index=f"{engine.alias}-*").body)
        if names:
            engine.client.indices.delete(index=",".join(names))
        reset_engines()
    else:
        settings.SITECLUSTER_SEARCH = {"ENGINE": "database"}
        yield request.param


@pytest.fixture
def cluster(db):
    return build_two_site_cluster(articles_per_column=1)


def article(column, title, text="", **kwargs):
    body = [("paragraph", f"<p>{text}</p>")] if text else []
    return ArticlePageFactory(parent=column, title=title, body=body, **kwargs)


def run_search(text, **filters):
    sort = filters.pop("sort", "relevance")
    page = filters.pop("page", 1)
    engine = get_engine()
    if engine.external:
        engine.client.indices.refresh(index=engine.alias)
    return engine.search(SearchRequest(text=text, filters=Filters(**filters), sort=sort, page=page))


def titles(response):
    return [hit.title for hit in response.hits]
