"""Many publications at once for one body: every 索引号 issued once, serials without gaps."""

import threading

import pytest

from django.db import close_old_connections, connection, connections

from content_models.disclosure.factories import DisclosureDocumentPageFactory
from content_models.disclosure.models import (
    DisclosureDocumentPage,
    IndexNumberCounter,
    IssuedIndexNumber,
)

from .conftest import content_page_for

PUBLISHERS = 12


@pytest.mark.django_db(transaction=True)
def test_concurrent_publications_get_unique_consecutive_index_numbers():
    if connection.vendor != "postgresql":
        pytest.skip(
            "needs PostgreSQL (DATABASE_URL): the test SQLite database is an in-memory "
            "shared-cache file whose table locks fail at once instead of waiting, so it cannot "
            "run writers in parallel"
        )
    from tests.cluster import build_two_site_cluster

    cluster = build_two_site_cluster(articles_per_column=0)
    parent = content_page_for(cluster.fgw_columns)
    drafts = []
    for _ in range(PUBLISHERS):
        page = DisclosureDocumentPageFactory.build(live=False)
        parent.add_child(instance=page)
        drafts.append(page.save_revision())

    barrier = threading.Barrier(PUBLISHERS)
    failures = []

    def publish(revision):
        try:
            barrier.wait(timeout=30)
            revision.publish()
        except Exception as exc:  # reported below
            failures.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=publish, args=(revision,)) for revision in drafts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    close_old_connections()

    assert failures == []
    numbers = list(
        DisclosureDocumentPage.objects.filter(pk__in=[r.object_id for r in drafts]).values_list(
            "index_number", flat=True
        )
    )
    code = cluster.fgw.organisation.credit_code
    assert sorted(numbers) == [f"{code}/2025-{serial:05d}" for serial in range(1, PUBLISHERS + 1)]
    counter = IndexNumberCounter.objects.get(organisation=cluster.fgw.organisation, year=2025)
    assert counter.last_serial == PUBLISHERS
    assert IssuedIndexNumber.objects.filter(organisation=cluster.fgw.organisation).count() == (
        PUBLISHERS
    )
