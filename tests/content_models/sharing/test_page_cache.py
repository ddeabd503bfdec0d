"""With the page cache on, a change at the source reaches every host that shows it.

Every address that shows a shared article is stored first (own hostname and portal path: the
reference page, its column, its site's home, the 各部门动态 汇总 column); then the source is
edited and unpublished. The purge (``sitecluster.caching``) asks ``pages_showing()``, which
``content_models.sharing`` answers; a missed address would serve the stale rendering.
"""

from __future__ import annotations

import pytest

from content_models.sharing.references import add_reference
from sitecluster.caching.config import page_store

from .conftest import portal_path, where
from .test_reference import publish_edit

pytestmark = pytest.mark.django_db

NEW_TITLE = "关于调整2025年重点工作安排的通知（更正）"


@pytest.fixture
def store(settings, tmp_path):
    settings.SITECLUSTER_PAGE_CACHE = {"ENABLED": True, "DIR": tmp_path, "MAX_AGE": 60}
    return page_store()


def addresses(cluster, *pages):
    """(host, path) of each page at its own address and, for member pages, its portal path."""
    found = []
    for page in pages:
        path, host = where(page)
        found.append((host["HTTP_HOST"], path))
        in_portal = portal_path(page, cluster)
        if host["HTTP_HOST"] != "hedong.test" or in_portal != path:
            found.append(("hedong.test", in_portal))
    return sorted(set(found))


def prime(client, store, shown):
    for host, path in shown:
        assert client.get(path, HTTP_HOST=host).status_code == 200, (host, path)
        assert store.read(host, path, "index") is not None, f"{host}{path} not stored"


def test_edit_and_unpublish_reach_every_cached_host(
    client, cluster, store, django_capture_on_commit_callbacks
):
    source = cluster.article  # fgw 工作动态: listed by the portal's 各部门动态 too
    with django_capture_on_commit_callbacks(execute=True):
        in_portal = add_reference(source, cluster.portal_columns["gzdt"])
        in_jyj = add_reference(source, cluster.jyj_columns["tzgg"])
    shown = addresses(
        cluster,
        in_portal,
        cluster.portal_columns["gzdt"],
        cluster.portal_columns["gbmdt"],
        cluster.portal.root_page,
        in_jyj,
        cluster.jyj_columns["tzgg"],
        cluster.jyj.root_page,
    )
    assert ("hedong.test", "/bm/jyj/tzgg/") in shown
    prime(client, store, shown)

    with django_capture_on_commit_callbacks(execute=True):
        publish_edit(source, title=NEW_TITLE)
    for host, path in shown:
        assert NEW_TITLE in client.get(path, HTTP_HOST=host).content.decode(), (host, path)

    prime(client, store, shown)
    with django_capture_on_commit_callbacks(execute=True):
        source.unpublish()
    for page in (in_portal, in_jyj):
        for host, path in addresses(cluster, page):
            assert client.get(path, HTTP_HOST=host).status_code == 404, (host, path)
    for host, path in shown:
        response = client.get(path, HTTP_HOST=host)
        if response.status_code == 200:
            assert NEW_TITLE not in response.content.decode(), (host, path)
