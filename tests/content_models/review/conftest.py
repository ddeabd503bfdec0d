"""The two-site cluster with its people and a small word list, built once per test module."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from django.db import transaction
from django.urls import reverse

from wagtail.models import Page
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from content_models.articles.factories import ArticlePageFactory
from content_models.review.factories import SensitiveWordFactory
from content_models.review.models import WordLevel
from sitecluster.tenancy.models import SiteGroup, SiteRole
from tests.cluster import PORTAL_HOST, TwoSiteCluster, build_two_site_cluster
from tests.sitecluster.isolation.world import information_office_group, make_user

BLOCKED = "绝密★"
BLOCKED_NOTE = "涉密标识，不得公开"
WARNED = "按装"  # a typo from the 0002 data migration (建议改为 安装)


@dataclass
class ReviewWorld:
    cluster: TwoSiteCluster
    users: dict = field(default_factory=dict)

    def user(self, code: str, role: str):
        return self.users[f"{code}-{role}"]


def build_review_world() -> ReviewWorld:
    cluster = build_two_site_cluster(articles_per_column=1)
    world = ReviewWorld(cluster=cluster)
    for site in (cluster.portal, cluster.fgw, cluster.jyj):
        for role in SiteRole.values:
            group = SiteGroup.objects.get(cluster_site=site, role=role).group
            world.users[f"{site.code}-{role}"] = make_user(f"r-{site.code}-{role}", [group])
    world.users["office"] = make_user("r-office", [information_office_group()])
    SensitiveWordFactory(word=BLOCKED, level=WordLevel.BLOCK, note=BLOCKED_NOTE)
    SensitiveWordFactory(word="内部资料", level=WordLevel.BLOCK)
    return world


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        built = build_review_world()
        try:
            yield built
        finally:
            transaction.set_rollback(True)


def new_article(world: ReviewWorld, title="关于开展2025年节能宣传周活动的通知", body=None):
    """A draft article in fgw's 工作动态, written by fgw's editor."""
    column = world.cluster.fgw_columns["gzdt"]
    page = ArticlePageFactory(
        parent=column,
        title=title,
        live=False,
        body=body or [("paragraph", "<p>现将有关事项通知如下。</p>")],
    )
    page.save_revision(user=world.user("fgw", SiteRole.EDITOR))
    return Page.objects.get(pk=page.pk).specific


def article_form(page, *, title=None, paragraph="现将有关事项通知如下。", quote="", **extra):
    blocks = [("paragraph", rich_text(f"<p>{paragraph}</p>"))]
    if quote:
        blocks.append(("quote", {"quote": quote, "attribution": ""}))
    data = {
        "title": title or page.title,
        "slug": page.slug,
        "source": page.source,
        "author": "",
        "publish_at": "2025-03-01 09:30",
        "summary": "",
        "tags": "",
        "body": streamfield(blocks),
        "comments": {
            "TOTAL_FORMS": 0,
            "INITIAL_FORMS": 0,
            "MIN_NUM_FORMS": 0,
            "MAX_NUM_FORMS": 1000,
        },
        "seo_title": "",
        "search_description": "",
        "go_live_at": "",
        "expire_at": "",
    }
    form = nested_form_data(data)
    form.update(extra)
    return form


def edit_url(page) -> str:
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def submit(client, page, **form):
    return client.post(edit_url(page), article_form(page, **form) | {"action-submit": "1"})


def action_url(page, action: str) -> str:
    state = Page.objects.get(pk=page.pk).current_workflow_task_state
    return reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, state.pk])


def messages_of(response) -> list[str]:
    return [str(m) for m in response.wsgi_request._messages]


@pytest.fixture
def client(client, db):
    """The admin is served on the portal's hostname (unknown hosts get the cluster's 404)."""
    client.defaults["HTTP_HOST"] = PORTAL_HOST
    return client
