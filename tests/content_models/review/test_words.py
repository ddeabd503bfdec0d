"""Blocking and warning words on submission and publication, with where each hit is."""

from __future__ import annotations

import json

import pytest

from django.urls import reverse

from wagtail.models import Page, Revision

from content_models.review.checking import check_instance
from content_models.review.models import BlockedContent
from sitecluster.tenancy.models import SiteRole

from .conftest import (
    BLOCKED,
    BLOCKED_NOTE,
    WARNED,
    action_url,
    article_form,
    edit_url,
    messages_of,
    new_article,
    submit,
)
from .test_workflow import ALL_TICKED, submitted_article

pytestmark = pytest.mark.django_db


def editor_client(world, client):
    client.force_login(world.user("fgw", SiteRole.EDITOR))
    return client


def errors_of(response) -> list[str]:
    return [str(error) for error in response.context["form"].non_field_errors()]


def test_blocking_word_in_the_title_stops_submission(world, client):
    page = new_article(world)
    response = submit(editor_client(world, client), page, title=f"关于{BLOCKED}文件的通知")
    assert response.status_code == 200
    (error,) = errors_of(response)
    assert f"“{BLOCKED}”" in error and "标题，第3字" in error and BLOCKED_NOTE in error
    assert BLOCKED in "".join(messages_of(response))
    assert not Page.objects.get(pk=page.pk).workflow_in_progress


def test_blocking_word_in_rich_text_is_found_after_stripping_tags(world, client):
    page = new_article(world)
    paragraph = "本通知<b>内部</b>资料请勿外传"  # the word spans a tag
    response = submit(editor_client(world, client), page, paragraph=paragraph)
    assert response.status_code == 200
    (error,) = errors_of(response)
    assert "“内部资料”" in error and "正文 第1块，第4字" in error
    assert not Page.objects.get(pk=page.pk).workflow_in_progress


def test_blocking_word_in_a_structured_block_is_found(world, client):
    page = new_article(world)
    response = submit(editor_client(world, client), page, quote=f"此件为{BLOCKED}件")
    (error,) = errors_of(response)
    assert "正文 第2块，第4字" in error


def test_blocking_word_stops_publication_by_the_site_admin(world, client):
    page = new_article(world)
    client.force_login(world.user("fgw", SiteRole.ADMIN))
    data = article_form(page, paragraph=f"{BLOCKED}文件摘要") | {"action-publish": "1"}
    response = client.post(edit_url(page), data)
    assert response.status_code == 200
    assert "正文 第1块，第1字" in errors_of(response)[0]
    assert not Page.objects.get(pk=page.pk).live


def test_saving_a_draft_is_never_blocked(world, client):
    page = new_article(world)
    data = article_form(page, title=f"{BLOCKED}草稿")
    response = editor_client(world, client).post(edit_url(page), data)
    assert response.status_code == 302
    assert Page.objects.get(pk=page.pk).get_latest_revision().content["title"] == f"{BLOCKED}草稿"


def test_warning_word_needs_the_confirmation_box(world, client):
    page = new_article(world)
    client = editor_client(world, client)
    response = submit(client, page, paragraph=f"请及时{WARNED}节能设备")
    assert response.status_code == 200
    errors = errors_of(response)
    expected = (f"“{WARNED}”", "建议改为“安装”", "正文 第1块，第4字")
    assert any(all(part in error for part in expected) for error in errors)
    html = response.content.decode()
    assert 'name="review_confirm_warnings"' in html and "我已核对上述提醒词" in html
    assert not Page.objects.get(pk=page.pk).workflow_in_progress

    data = article_form(page, paragraph=f"请及时{WARNED}节能设备") | {
        "action-submit": "1",
        "review_confirm_warnings": "true",
    }
    response = client.post(edit_url(page), data)
    assert response.status_code == 302
    assert Page.objects.get(pk=page.pk).workflow_in_progress


def test_confirmation_box_is_absent_without_warnings(world, client):
    page = new_article(world)
    response = editor_client(world, client).get(edit_url(page))
    assert "我已核对上述提醒词" not in response.content.decode()


def test_reviewer_sees_blocking_hits_and_cannot_approve(world, client):
    """A revision that reached review with a blocking word (e.g. the list grew meanwhile)."""
    page = submitted_article(world, client)
    latest = Page.objects.get(pk=page.pk).specific
    latest.title = f"{BLOCKED}：{latest.title}"
    revision = latest.save_revision(user=world.user("fgw", SiteRole.EDITOR))
    state = Page.objects.get(pk=page.pk).current_workflow_task_state
    state.revision = revision
    state.save(update_fields=["revision"])

    client.force_login(world.user("fgw", SiteRole.REVIEWER))
    html = json.loads(client.get(action_url(page, "approve")).content)["html"]
    assert "内容含禁用词，不能通过审核" in html and "标题，第1字" in html
    response = client.post(action_url(page, "approve"), ALL_TICKED)
    assert response.status_code in (302, 403)
    assert not Page.objects.get(pk=page.pk).live
    with pytest.raises(BlockedContent):
        reviewer = world.user("fgw", SiteRole.REVIEWER)
        ticked = dict.fromkeys(ALL_TICKED, True)
        state.task.specific.on_action(state, reviewer, "approve", **ticked)


def test_check_of_a_rich_text_field(world):
    from content_models.organisations.models import LeaderProfilePage

    leader = LeaderProfilePage(
        title="张三", position="主任", resume="<p>曾任某单位<i>内部</i>资料室主任</p>"
    )
    (hit,) = check_instance(leader).hits
    assert hit.word == "内部资料" and hit.location == "个人简历" and hit.position == 6
    assert hit.blocking


def test_revision_content_round_trip_is_checked(world):
    page = new_article(world, title=f"{WARNED}说明")
    revision = Revision.objects.filter(object_id=str(page.pk)).latest("pk")
    report = check_instance(revision.as_object())
    assert [hit.word for hit in report.warnings] == [WARNED] and not report.blocking


def test_only_the_information_office_edits_the_word_lists(world, client):
    index = reverse("wagtailsnippets_review_sensitiveword:list")
    add = reverse("wagtailsnippets_review_sensitiveword:add")
    client.force_login(world.user("fgw", SiteRole.ADMIN))
    assert client.get(index).status_code in (302, 403)
    assert client.post(add, {"word": "测试", "level": "block"}).status_code in (302, 403)
    client.force_login(world.users["office"])
    response = client.get(index)
    assert response.status_code == 200 and BLOCKED in response.content.decode()
    response = client.post(
        add, {"word": "机密★", "level": "block", "category": "sensitive", "note": "涉密标识"}
    )
    assert response.status_code == 302
    page = new_article(world)
    client.force_login(world.user("fgw", SiteRole.EDITOR))
    response = submit(client, page, paragraph="机密★文件")
    assert "“机密★”" in errors_of(response)[0]


def test_bulk_publish_refuses_pages_with_blocking_words(world, client):
    page = new_article(world)
    latest = Page.objects.get(pk=page.pk).specific
    latest.title = f"{BLOCKED}通报"
    latest.save_revision(user=world.user("fgw", SiteRole.EDITOR))
    client.force_login(world.user("fgw", SiteRole.ADMIN))
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "publish"))
    response = client.post(f"{url}?id={page.pk}", {"include_descendants": ""})
    assert response.status_code == 302
    assert any("含禁用词，未发布" in m and BLOCKED in m for m in messages_of(response))
    assert not Page.objects.get(pk=page.pk).live

    clean = new_article(world, title="关于做好春季防火工作的通知")
    response = client.post(f"{url}?id={clean.pk}", {"include_descendants": ""})
    assert Page.objects.get(pk=clean.pk).live
