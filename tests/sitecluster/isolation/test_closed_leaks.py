"""Each Wagtail leak closed by the isolation app, shown directly (the matrix covers them too),
and the information office still seeing every site."""

from __future__ import annotations

import json

import pytest

from django.contrib.contenttypes.models import ContentType
from django.template import Context, Template
from django.urls import reverse

from wagtail.models import Page

from content_models.articles.models import ArticlePage
from content_models.links.models import FriendlyLink

from .world import body_text

OFFICE_SEES = {
    "/admin/images/?q=": "教育局图片",
    "/admin/documents/": "教育局文件",
    "/admin/api/main/images/": "教育局图片",
    "/admin/api/main/documents/": "教育局文件",
    "/admin/images/chooser/": "教育局标签",
    "/admin/snippets/links/friendlylink/": "教育局链接",
    "/admin/snippets/choose/links/friendlylink/": "教育局链接",
    "/admin/snippets/choose/tenancy/clustersite/": "河东区教育局",
    "/admin/users/": "jyj-editor",
    "/admin/reports/locked/": "jyj-gzdt",
    "/admin/disclosure-requests/": "教育局申请人",
    "/admin/interaction/letters/": "教育局来信",
    "/admin/interaction/comments/": "教育局意见",
    "/admin/snippets/search/bestbet/": "教育局推荐",
    "/admin/snippets/choose/search/bestbet/": "教育局推荐",
}


@pytest.mark.parametrize("url", list(OFFICE_SEES))
def test_information_office_sees_every_site(client, world, url):
    client.force_login(world.users["office"])
    response = client.get(url)
    assert response.status_code == 200
    assert OFFICE_SEES[url] in body_text(response)


def test_office_opens_another_sites_objects(client, world):
    client.force_login(world.users["office"])
    page = world.objects[("jyj", "page")]
    jyj_link = world.objects[("jyj", "link")]
    for url in (
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        reverse("wagtailadmin_explore", args=[world.cluster.jyj.root_page_id]),
        reverse("wagtailimages:edit", args=[world.objects[("jyj", "image")].pk]),
        reverse("wagtailsnippets_links_friendlylink:edit", args=[jyj_link.pk]),
        reverse("wagtailusers_users:edit", args=[world.users["jyj-editor"].pk]),
    ):
        assert client.get(url).status_code == 200, url


def test_admin_api_lists_and_returns_only_own_media(client, world):
    client.force_login(world.users["fgw-editor"])
    listing = json.loads(client.get("/admin/api/main/images/").content)
    assert [item["title"] for item in listing["items"]] == ["发改委图片"]
    other = world.objects[("jyj", "image")]
    assert client.get(f"/admin/api/main/images/{other.pk}/").status_code == 404
    other_doc = world.objects[("jyj", "document")]
    assert client.get(f"/admin/api/main/documents/{other_doc.pk}/").status_code == 404


@pytest.mark.parametrize("url", ["/admin/images/", "/admin/documents/", "/admin/images/chooser/"])
def test_popular_tags_are_the_sites_own(client, world, url):
    client.force_login(world.users["fgw-editor"])
    body = body_text(client.get(url))
    assert "发改委" in body and "教育局标签" not in body and "教育局文件标签" not in body


def test_workflow_task_chooser_is_for_workflow_builders_only(client, world):
    task_id = world.objects[("jyj", "page")].current_workflow_task_state.task_id
    client.force_login(world.users["fgw-admin"])
    for url in ("/admin/workflows/task_chooser/", f"/admin/workflows/task_chooser/{task_id}/"):
        assert client.get(url).status_code == 403
    client.force_login(world.users["office"])
    assert client.get(f"/admin/workflows/task_chooser/{task_id}/").status_code == 200


def test_cluster_site_chooser_is_information_office_only(client, world):
    client.force_login(world.users["fgw-admin"])
    assert client.get("/admin/snippets/choose/tenancy/clustersite/").status_code == 403
    url = f"/admin/snippets/choose/tenancy/clustersite/chosen/{world.cluster.jyj.pk}/"
    assert client.get(url).status_code == 403


def test_choose_parent_never_offers_another_site(client, world):
    """A portal editor adding an article: only the portal's own columns are valid parents."""
    client.force_login(world.users["hedong-editor"])
    url = reverse("wagtailadmin_pages:choose_parent", args=["articles", "articlepage"])
    response = client.get(url)
    if response.status_code == 302:
        parent_id = int(response["Location"].rstrip("/").split("/")[-1])
        assert parent_id in {page.pk for page in world.cluster.portal_columns.values()}
    else:
        assert response.status_code == 200
    jyj_column = world.cluster.jyj_columns["gzdt"]
    response = client.post(url, {"parent_page": jyj_column.pk})
    assert response.status_code == 200  # the form again, not a redirect into jyj
    body = response.content.decode()
    assert "您无权在所选页面下创建页面" in body
    assert f"/admin/pages/add/articles/articlepage/{jyj_column.pk}/" not in body


def test_friendly_links_listing_chooser_and_collection_choices(client, world):
    client.force_login(world.users["fgw-editor"])
    body = client.get("/admin/snippets/links/friendlylink/").content.decode()
    assert "发改委链接" in body and "教育局链接" not in body
    chooser = body_text(client.get("/admin/snippets/choose/links/friendlylink/"))
    assert "发改委链接" in chooser and "教育局链接" not in chooser
    other = world.objects[("jyj", "link")]
    for name in ("edit", "delete", "history", "usage"):
        url = reverse(f"wagtailsnippets_links_friendlylink:{name}", args=[other.pk])
        assert client.get(url).status_code == 404, name
    form = client.get("/admin/snippets/links/friendlylink/add/").content.decode()
    assert world.cluster.fgw.collection.name in form
    assert world.cluster.jyj.collection.name not in form
    response = client.post(
        "/admin/snippets/links/friendlylink/add/",
        {
            "collection": world.cluster.jyj.collection_id,
            "title": "塞给教育局的链接",
            "url": "https://x.example.cn/",
            "sort_order": 0,
        },
    )
    assert response.status_code == 200
    assert not FriendlyLink.objects.filter(title="塞给教育局的链接").exists()


def test_friendly_links_partial_shows_the_sites_links_in_order(db, world):
    # ``db`` keeps this test among the database tests: pytest-django runs tests without it
    # last, after transactional tests have flushed the page tree the world is built on.
    fgw = world.cluster.fgw
    FriendlyLink.objects.create(
        collection=fgw.collection, title="山东省人民政府", url="https://www.shandong.gov.cn/"
    )
    FriendlyLink.objects.filter(title="发改委链接").update(sort_order=5)
    html = Template('{% include "includes/friendly_links.html" %}').render(Context({"site": fgw}))
    assert "友情链接" in html
    assert html.index("山东省人民政府") < html.index("发改委链接")
    assert "教育局链接" not in html


def test_search_curation_choosers_are_information_office_only(client, world):
    """Wagtail's snippet choosers list best bets and synonyms to anyone with admin access."""
    best_bet = world.objects[("fgw", "best_bet")]
    client.force_login(world.users["fgw-admin"])
    for url in (
        "/admin/snippets/choose/search/bestbet/",
        "/admin/snippets/choose/search/bestbet/results/",
        f"/admin/snippets/choose/search/bestbet/chosen/{best_bet.pk}/",
        "/admin/snippets/choose/search/synonym/",
        f"/admin/snippets/choose/search/synonym/chosen/{world.objects['synonym'].pk}/",
    ):
        response = client.get(url)
        assert response.status_code == 403, url
        assert "发改委推荐" not in body_text(response)


def test_application_usage_of_another_body_is_not_found(client, world):
    """The usage page named the application (查询码 and applicant) for any id."""
    client.force_login(world.users["fgw-editor"])
    own = world.objects[("fgw", "application")]
    other = world.objects[("jyj", "application")]
    response = client.get(reverse("disclosure_requests:usage", args=[own.pk]))
    assert response.status_code == 200 and "发改委申请人" in response.content.decode()
    response = client.get(reverse("disclosure_requests:usage", args=[other.pk]))
    assert response.status_code == 404
    assert "教育局申请人" not in response.content.decode()


@pytest.mark.parametrize(
    ("username", "own", "other"),
    [("fgw-editor", "发改委", "教育局"), ("jyj-reviewer", "教育局", "发改委")],
)
def test_dashboard_deadline_panels_show_the_sites_own_casework(client, world, username, own, other):
    client.force_login(world.users[username])
    body = client.get(reverse("wagtailadmin_home")).content.decode()
    assert f"{own}申请人" in body and f"{own}来信" in body
    assert f"{other}申请人" not in body and f"{other}来信" not in body


def test_dashboard_deadline_panels_show_the_office_every_site(client, world):
    client.force_login(world.users["office"])
    body = client.get(reverse("wagtailadmin_home")).content.decode()
    for label in ("发改委", "教育局"):
        assert f"{label}申请人" in body and f"{label}来信" in body


def test_blueprint_groups_keep_their_sites_friendly_links(client, world):
    """The built-in blueprints grant 友情链接: admins and editors maintain, reviewers read."""
    reviewer, editor = world.users["fgw-reviewer"], world.users["fgw-editor"]
    assert reviewer.has_perm("links.view_friendlylink")
    assert not reviewer.has_perm("links.change_friendlylink")
    assert editor.has_perm("links.add_friendlylink")
    assert not editor.has_perm("links.delete_friendlylink")
    assert world.users["fgw-admin"].has_perm("links.delete_friendlylink")
    client.force_login(reviewer)
    listing = client.get("/admin/snippets/links/friendlylink/")
    assert listing.status_code == 200
    assert "发改委链接" in listing.content.decode()
    assert "教育局链接" not in listing.content.decode()
    assert client.get("/admin/snippets/links/friendlylink/add/").status_code != 200


def test_page_types_usage_counts_the_sites_own_pages(client, world):
    """One count per page type over the user's own pages (PostgreSQL refused the old query)."""
    fgw_root = world.cluster.fgw.root_page
    article_type = ContentType.objects.get_for_model(ArticlePage)
    expected = Page.objects.filter(
        path__startswith=fgw_root.path, content_type=article_type
    ).count()
    client.force_login(world.users["fgw-editor"])
    response = client.get(reverse("wagtailadmin_reports:page_types_usage"))
    counts = {row.model: row.count for row in response.context["object_list"]}
    assert expected >= 2 and counts["articlepage"] == expected
