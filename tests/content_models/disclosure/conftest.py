import pytest

from content_models.disclosure.models import DisclosureContentPage
from sitecluster.provisioning.pages import add_published_child
from tests.cluster import build_two_site_cluster


def content_page_for(columns):
    """The site's 法定主动公开内容 page (created when the blueprint still makes a plain column)."""
    existing = columns["zfxxgk/fdzdgknr"]
    if isinstance(existing.specific, DisclosureContentPage):
        return existing.specific
    return add_published_child(
        columns["zfxxgk"], DisclosureContentPage(title="法定主动公开内容", slug="fdzdgknr-docs")
    )


@pytest.fixture
def cluster(db):
    return build_two_site_cluster(articles_per_column=1)


@pytest.fixture
def fgw_docs(cluster):
    return content_page_for(cluster.fgw_columns)


@pytest.fixture
def jyj_docs(cluster):
    return content_page_for(cluster.jyj_columns)
