"""Editor submits → the site's 审核员 approves with the confidentiality checklist → published;
rejection goes back to the editor with the comment; other sites' reviewers cannot act."""

from __future__ import annotations

import json

import pytest

from django.urls import reverse

from wagtail.models import Page, PageLogEntry, TaskState

from content_models.review.checklist import CHECKLIST
from content_models.review.models import (
    ChecklistIncomplete,
    ConfidentialityReviewTask,
    ConfidentialityReviewTaskState,
)
from sitecluster.tenancy.models import SiteRole

from .conftest import action_url, article_form, edit_url, messages_of, new_article, submit

pytestmark = pytest.mark.django_db

ALL_TICKED = {key: "on" for key, _label in CHECKLIST}
XHR = {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"}


def submitted_article(world, client, **kwargs):
    page = new_article(world, **kwargs)
    client.force_login(world.user("fgw", SiteRole.EDITOR))
    response = submit(client, page)
    assert response.status_code == 302, messages_of(response)
    client.logout()
    page = Page.objects.get(pk=page.pk).specific
    assert page.workflow_in_progress
    return page


def test_site_workflow_is_a_confidentiality_review_by_its_reviewers(world):
    workflow = world.cluster.fgw.workflow
    task = workflow.tasks.get().specific
    assert isinstance(task, ConfidentialityReviewTask)
    reviewers = world.user("fgw", SiteRole.REVIEWER).groups.all()
    assert set(task.groups.all()) == set(reviewers)


def test_approve_dialog_lists_the_checklist(world, client):
    page = submitted_article(world, client)
    client.force_login(world.user("fgw", SiteRole.REVIEWER))
    response = client.get(action_url(page, "approve"))
    assert response.status_code == 200
    html = json.loads(response.content)["html"]
    for _key, label in CHECKLIST:
        assert label in html
    assert "保密审核通过" in html


def test_approve_is_refused_while_an_item_is_unticked(world, client):
    page = submitted_article(world, client)
    client.force_login(world.user("fgw", SiteRole.REVIEWER))
    partial = dict(ALL_TICKED)
    partial.pop("no_personal_data")
    response = client.post(action_url(page, "approve"), partial, **XHR)
    assert response.status_code == 200
    html = json.loads(response.content)["html"]
    assert "请确认：不含个人隐私和敏感个人信息" in html
    page = Page.objects.get(pk=page.pk)
    assert not page.live and page.workflow_in_progress


def test_approve_with_every_item_ticked_publishes_and_records_the_checklist(world, client):
    page = submitted_article(world, client)
    reviewer = world.user("fgw", SiteRole.REVIEWER)
    client.force_login(reviewer)
    response = client.post(action_url(page, "approve"), ALL_TICKED | {"comment": "同意发布"})
    assert response.status_code == 302
    page = Page.objects.get(pk=page.pk)
    assert page.live and not page.workflow_in_progress

    state = ConfidentialityReviewTaskState.objects.get(workflow_state__object_id=str(page.pk))
    assert state.status == TaskState.STATUS_APPROVED and state.finished_by == reviewer
    assert all(state.checklist[key] for key, _label in CHECKLIST)

    approve = PageLogEntry.objects.get(page=page, action="wagtail.workflow.approve")
    assert approve.user == reviewer
    assert [item["confirmed"] for item in approve.data["checklist"]] == [True, True, True]
    assert "不涉及国家秘密" in approve.data["comment"] and "同意发布" in approve.data["comment"]
    assert PageLogEntry.objects.filter(page=page, action="wagtail.publish").exists()

    history = client.get(reverse("wagtailadmin_pages:history", args=[page.pk]))
    assert "☑ 不涉及国家秘密" in history.content.decode()
    assert "☑ 内容适宜公开，表述准确" in history.content.decode()


def test_reject_needs_a_comment_and_returns_it_to_the_editor(world, client):
    page = submitted_article(world, client)
    client.force_login(world.user("fgw", SiteRole.REVIEWER))
    response = client.post(action_url(page, "reject"), {"comment": ""}, **XHR)
    assert "请填写退回意见" in json.loads(response.content)["html"]
    assert Page.objects.get(pk=page.pk).workflow_in_progress

    reason = "第二段引用的数据请核实来源后再提交"
    response = client.post(action_url(page, "reject"), {"comment": reason})
    assert response.status_code == 302
    page = Page.objects.get(pk=page.pk)
    assert not page.live
    assert page.current_workflow_state.status == "needs_changes"
    entry = PageLogEntry.objects.get(page=page, action="wagtail.workflow.reject")
    assert entry.data["comment"] == reason

    client.force_login(world.user("fgw", SiteRole.EDITOR))
    assert reason in client.get(edit_url(page)).content.decode()


def test_reviewer_of_another_site_cannot_act(world, client):
    page = submitted_article(world, client)
    client.force_login(world.user("jyj", SiteRole.REVIEWER))
    for action in ("approve", "reject"):
        assert client.get(action_url(page, action)).status_code in (302, 403, 404)
        response = client.post(action_url(page, action), ALL_TICKED | {"comment": "越权"})
        assert response.status_code in (302, 403, 404)
    page = Page.objects.get(pk=page.pk)
    assert page.workflow_in_progress and not page.live
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert page.title not in home


def test_own_reviewer_sees_the_task_on_the_dashboard(world, client):
    page = submitted_article(world, client, title="关于征集2025年民生实事项目建议的公告")
    client.force_login(world.user("fgw", SiteRole.REVIEWER))
    assert page.title in client.get(reverse("wagtailadmin_home")).content.decode()


def test_approving_from_the_editor_without_the_checklist_is_refused(world, client):
    """The editor's "approve" posts the dialog data as JSON; the task checks it again."""
    page = submitted_article(world, client)
    client.force_login(world.user("fgw", SiteRole.REVIEWER))

    data = article_form(page) | {
        "action-workflow-action": "1",
        "workflow-action-name": "approve",
        "workflow-action-extra-data": json.dumps({"comment": "同意"}),
    }
    response = client.post(edit_url(page), data)
    assert response.status_code in (302, 403)
    assert any("没有权限" in message for message in messages_of(response))
    page = Page.objects.get(pk=page.pk)
    assert not page.live and page.workflow_in_progress

    ticked = {key: True for key, _label in CHECKLIST} | {"comment": "同意"}
    data["workflow-action-extra-data"] = json.dumps(ticked)
    response = client.post(edit_url(page), data)
    assert response.status_code == 302, messages_of(response)
    assert Page.objects.get(pk=page.pk).live


def test_on_action_refuses_an_incomplete_checklist(world, client):
    page = submitted_article(world, client)
    state = Page.objects.get(pk=page.pk).current_workflow_task_state
    with pytest.raises(ChecklistIncomplete):
        state.task.specific.on_action(
            state, world.user("fgw", SiteRole.REVIEWER), "approve", no_state_secrets=True
        )


def test_unpublish_is_audited(world, client):
    page = submitted_article(world, client)
    client.force_login(world.user("fgw", SiteRole.REVIEWER))
    client.post(action_url(page, "approve"), ALL_TICKED)
    assert Page.objects.get(pk=page.pk).live
    admin = world.user("fgw", SiteRole.ADMIN)
    client.force_login(admin)
    response = client.post(reverse("wagtailadmin_pages:unpublish", args=[page.pk]))
    assert response.status_code == 302
    assert not Page.objects.get(pk=page.pk).live
    entry = PageLogEntry.objects.get(page=page, action="wagtail.unpublish")
    assert entry.user == admin
