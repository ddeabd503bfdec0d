"""A known year of publishing on the two-site cluster (built once per module)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from wagtail.models import Page, PageLogEntry, WorkflowState

from content_models.articles.factories import ArticlePageFactory
from content_models.disclosure.factories import DisclosureDocumentPageFactory
from content_models.interaction import workflow as letter_workflow
from sitecluster.tenancy.models import SiteGroup, SiteRole
from tests.cluster import TwoSiteCluster, build_two_site_cluster


def local(*args) -> dt.datetime:
    return timezone.make_aware(dt.datetime(*args))


@dataclass
class World:
    cluster: TwoSiteCluster
    office: object
    fgw_admin: object
    fgw_editor: object


def reviewed(page, submitted: dt.datetime, *published: dt.datetime, status="approved"):
    """A review of ``page`` submitted at ``submitted``, with publish log entries."""
    page_type = ContentType.objects.get_for_model(Page)
    state = WorkflowState.objects.create(
        content_type=ContentType.objects.get_for_model(page),
        base_content_type=page_type,
        object_id=str(page.pk),
        workflow=page.get_workflow(),
        status=status,
    )
    WorkflowState.objects.filter(pk=state.pk).update(created_at=submitted)
    for when in published:
        PageLogEntry.objects.create(
            page=page,
            content_type=page_type,
            label=page.title,
            action="wagtail.publish",
            timestamp=when,
        )


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        from django.db import transaction

        with transaction.atomic():
            built = _build()
            yield built
            transaction.set_rollback(True)


def _build() -> World:
    cluster = build_two_site_cluster(articles_per_column=0)
    fgw, jyj, portal = cluster.fgw_columns, cluster.jyj_columns, cluster.portal_columns

    def article(column, day, title, **kwargs):
        return ArticlePageFactory(parent=column, title=title, publish_at=day, **kwargs)

    a1 = article(fgw["gzdt"], local(2025, 1, 10, 9, 0), "发改委一月动态一")
    a2 = article(fgw["gzdt"], local(2025, 1, 20, 9, 0), "发改委一月动态二")
    a3 = article(fgw["gzdt"], local(2025, 3, 5, 9, 0), "发改委三月动态")
    article(fgw["gzdt"], local(2024, 11, 1, 9, 0), "发改委去年动态")
    article(fgw["gzdt"], local(2025, 2, 2, 9, 0), "发改委未发布稿件", live=False)
    article(fgw["tzgg"], local(2025, 2, 1, 9, 0), "发改委二月通知")
    DisclosureDocumentPageFactory(
        parent=fgw["zcwj"], title="发改委三月政策文件", publish_at=local(2025, 3, 5, 10, 0)
    )
    # 00:30 on 1 January in Beijing is still 31 December in UTC: counted in January.
    j1 = article(jyj["gzdt"], local(2025, 1, 1, 0, 30), "教育局元旦动态")
    article(portal["gzdt"], local(2025, 6, 15, 9, 0), "门户六月要闻")

    # Reviews: fgw 2 h, 4 h (first publish after submission), 30 h; jyj 10 h.
    reviewed(a1, local(2025, 1, 10, 7, 0), local(2025, 1, 10, 9, 0))
    reviewed(a2, local(2025, 1, 20, 5, 0), local(2025, 1, 19, 0, 0), local(2025, 1, 20, 9, 0))
    PageLogEntry.objects.create(
        page=a2,
        content_type=ContentType.objects.get_for_model(Page),
        label=a2.title,
        action="wagtail.publish",
        timestamp=local(2025, 1, 22, 9, 0),
    )
    reviewed(a3, local(2025, 3, 4, 3, 0), local(2025, 3, 5, 9, 0))
    reviewed(j1, local(2024, 12, 31, 14, 30), local(2025, 1, 1, 0, 30))
    # Not counted: a review still waiting, and one published in another year.
    reviewed(a3, local(2025, 3, 6, 9, 0), local(2025, 3, 7, 9, 0), status="in_progress")
    reviewed(a1, local(2024, 6, 1, 9, 0), local(2024, 6, 2, 9, 0))

    # Letters to fgw's 领导信箱: two in 2025, one in 2024.
    for when in (local(2025, 2, 3, 10, 0), local(2025, 5, 6, 10, 0), local(2024, 7, 1, 10, 0)):
        letter_workflow.submit(
            fgw["hdjl/ldyx"],
            letter_type="consult",
            subject="关于企业投资项目备案流程的咨询",
            body="请问企业投资项目备案需要准备哪些材料？",
            name="王企业",
            phone="13912345678",
            now=when,
        )

    user_model = get_user_model()
    office = user_model.objects.create_superuser("office", "office@example.org", "x")

    def member(name, role):
        user = user_model.objects.create_user(name, f"{name}@example.org", "x")
        SiteGroup.objects.get(cluster_site=cluster.fgw, role=role).group.user_set.add(user)
        return user

    return World(
        cluster, office, member("fgw-boss", SiteRole.ADMIN), member("fgw-writer", SiteRole.EDITOR)
    )
