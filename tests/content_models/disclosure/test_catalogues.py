import datetime as dt

import pytest

from django.utils import timezone

from content_models.disclosure.factories import DisclosureDocumentPageFactory
from content_models.disclosure.models import DisclosureBodyDirectoryPage, DisclosureCataloguePage
from sitecluster.provisioning.pages import add_published_child

pytestmark = pytest.mark.django_db
PORTAL = {"HTTP_HOST": "hedong.test"}


def publish(parent, **fields):
    return add_published_child(parent, DisclosureDocumentPageFactory.build(**fields))


@pytest.fixture
def catalogue(cluster):
    page = cluster.portal_columns["zfxxgk/xxgkml"].specific  # from the portal blueprint
    assert isinstance(page, DisclosureCataloguePage)
    page.per_page = 3
    page.save_revision().publish()
    return page


@pytest.fixture
def documents(fgw_docs, jyj_docs):
    when = timezone.make_aware(dt.datetime(2024, 6, 1, 9, 0))
    return {
        "fgw_2025": publish(
            fgw_docs, title="发改委物价通知", topic="国民经济管理、国有资产监管\\物价"
        ),
        "fgw_2024": publish(
            fgw_docs, title="发改委旧规划", publish_at=when, written_date=dt.date(2024, 5, 1)
        ),
        "jyj_opinion": publish(
            jyj_docs, title="教育局关于课后服务的意见", doc_type="意见", topic="科技、教育\\教育"
        ),
        "jyj_request": publish(
            jyj_docs,
            title="教育局依申请公开信息",
            topic="科技、教育\\教育",
            disclosure_mode="on_request",
        ),
    }


def titles(response):
    return [doc.title for doc in response.context["items"]]


def test_catalogue_lists_every_body_and_filters(client, catalogue, documents, cluster):
    url = catalogue.url
    assert client.get(url, **PORTAL).context["items"].paginator.count == 4
    fgw = cluster.fgw.organisation.pk
    assert sorted(titles(client.get(url, {"body": fgw}, **PORTAL))) == [
        "发改委旧规划",
        "发改委物价通知",
    ]
    assert sorted(titles(client.get(url, {"topic": "科技、教育"}, **PORTAL))) == [
        "教育局依申请公开信息",
        "教育局关于课后服务的意见",
    ]
    assert titles(client.get(url, {"topic": "国民经济管理、国有资产监管\\物价"}, **PORTAL)) == [
        "发改委物价通知"
    ]
    assert titles(client.get(url, {"doc_type": "意见"}, **PORTAL)) == ["教育局关于课后服务的意见"]
    assert titles(client.get(url, {"year": 2024}, **PORTAL)) == ["发改委旧规划"]
    assert titles(client.get(url, {"mode": "on_request"}, **PORTAL)) == ["教育局依申请公开信息"]


def test_catalogue_filters_on_validity_and_sorts(client, catalogue, documents):
    old = documents["fgw_2024"]
    old.validity = "repealed"
    old.validity_changed_on = dt.date(2025, 1, 1)
    old.save_revision().publish()
    response = client.get(catalogue.url, {"validity": "repealed"}, **PORTAL)
    assert titles(response) == ["发改委旧规划"]
    assert "已废止" in response.content.decode()
    oldest_first = client.get(catalogue.url, {"sort": "publish_at"}, **PORTAL)
    assert titles(oldest_first)[0] == "发改委旧规划"


def test_catalogue_paginates_and_keeps_the_filters(client, catalogue, documents):
    response = client.get(catalogue.url, {"sort": "title"}, **PORTAL)
    assert len(titles(response)) == 3
    html = response.content.decode()
    assert "sort=title&amp;page=2" in html
    assert len(titles(client.get(catalogue.url, {"sort": "title", "page": 2}, **PORTAL))) == 1


def test_exact_index_or_doc_number_opens_the_document(client, catalogue, documents):
    target = documents["jyj_opinion"]
    response = client.get(catalogue.url, {"q": target.index_number}, **PORTAL)
    assert response.status_code == 302
    assert response["Location"].endswith(target.url.split("hedong.test")[-1])
    typed = target.doc_number.replace("〔", "[").replace("〕", "]")
    response = client.get(catalogue.url, {"q": typed}, **PORTAL)
    assert response.status_code == 302
    assert titles(client.get(catalogue.url, {"q": "课后服务"}, **PORTAL)) == [target.title]


def test_member_platform_lists_only_its_own_documents(client, fgw_docs, documents):
    response = client.get(fgw_docs.url, HTTP_HOST="fgw.test")
    assert sorted(titles(response)) == ["发改委旧规划", "发改委物价通知"]
    assert "发布机构" not in [field.label for field in response.context["form"]]


def test_body_directory_links_every_body_to_its_platform(client, cluster, documents):
    directory = cluster.portal_columns["zfxxgk/bmml"].specific  # from the portal blueprint
    assert isinstance(directory, DisclosureBodyDirectoryPage)
    response = client.get(directory.url, **PORTAL)
    html = response.content.decode()
    for name in ("河东区人民政府", "河东区发展和改革委员会", "河东区教育局"):
        assert name in html
    rows = {row["name"]: row for _, group in response.context["groups"] for row in group}
    assert rows["河东区教育局"]["total"] == 2
    assert rows["河东区教育局"]["platform"].pk == cluster.jyj_columns["zfxxgk"].pk
