"""意见征集: comment while open, moderation, and the 采纳情况 summary after closing."""

import datetime as dt

import pytest

from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from content_models.interaction.models import CommentState, ConsultationComment

from .conftest import make_consultation, solve, staff_client, staff_of, where

pytestmark = pytest.mark.django_db
OPINION = "建议明确犬只夜间遛犬时间，并在小区设置犬只便溺清理设施。"


def comment(client, page, text=OPINION, contact="13700001111", **extra):
    path, host = where(page)
    data = {"name": "李四", "contact": contact, "text": text, **solve(client, page), **extra}
    return client.post(path, data, **host)


def test_open_moderate_close_summary(cluster):
    page = make_consultation(cluster)
    citizen = Client()
    response = comment(citizen, page)
    assert "您的意见已提交，经审核后显示" in response.content.decode()
    comment(citizen, page, text="请同时规定大型犬只必须牵引，避免伤人事件。", contact="13700002222")
    comment(citizen, page, text="低俗广告内容，加微信返利。", contact="13700003333")
    assert ConsultationComment.objects.count() == 3
    assert ConsultationComment.objects.get(contact="13700003333").suspected_spam
    path, host = where(page)
    assert OPINION not in Client().get(path, **host).content.decode()  # not yet moderated

    staff = staff_client(staff_of(cluster.portal, "portal-editor"))
    listing = staff.get(reverse("interaction_comments:index"))
    assert OPINION in listing.content.decode()
    first, second, spam = ConsultationComment.objects.order_by("created_at", "pk")
    for item, state, adoption, note in (
        (first, "approved", "adopted", "已在第十二条中明确。"),
        (second, "approved", "not_adopted", "上位法已有规定。"),
        (spam, "rejected", "", ""),
    ):
        staff.post(
            reverse("interaction_comments:moderate", args=[item.pk]),
            {
                f"c{item.pk}-state": state,
                f"c{item.pk}-adoption": adoption,
                f"c{item.pk}-note": note,
            },
        )
    assert ConsultationComment.objects.get(pk=spam.pk).state == CommentState.REJECTED
    html = Client().get(path, **host).content.decode()
    assert OPINION in html and "低俗广告" not in html and "李**" in html

    # While open a summary cannot be published.
    page.summary = "<p>共收到意见 2 条，采纳 1 条。</p>"
    with pytest.raises(ValidationError):
        page.full_clean()

    # After closing: no form, a summary with the adopted opinion.
    today = timezone.localdate()
    page.opens_on, page.closes_on = today - dt.timedelta(days=40), today - dt.timedelta(days=10)
    page.summary = "<p>共收到有效意见 2 条，采纳 1 条。</p>"
    page.full_clean()
    page.save_revision().publish()
    closed = Client().get(path, **host).content.decode()
    assert "本次意见征集已结束" in closed and "captcha_answer" not in closed
    assert "意见采纳情况" in closed and "共收到有效意见 2 条" in closed
    summary = closed.split("意见采纳情况")[1].split("网民意见")[0]
    assert "已在第十二条中明确" in summary and "上位法已有规定" not in summary
    late = Client().post(path, {"contact": "13700009999", "text": OPINION}, **host)
    assert ConsultationComment.objects.count() == 3 and late.status_code == 200

    index_path, index_host = where(cluster.portal_columns["hdjl/yjzj"])
    index = Client().get(index_path, **index_host).content.decode()
    assert page.title in index and "已发布采纳情况" in index


def test_comments_only_while_open(cluster):
    upcoming = make_consultation(cluster, opens_in=3, closes_in=20, slug="later", title="即将开始")
    path, host = where(upcoming)
    html = Client().get(path, **host).content.decode()
    assert "征集将于" in html and "captcha_answer" not in html
    Client().post(path, {"contact": "13700001111", "text": OPINION}, **host)
    assert not ConsultationComment.objects.exists()
