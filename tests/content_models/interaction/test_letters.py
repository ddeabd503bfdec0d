"""A letter's life: written, tracked by code + contact, forwarded, answered, published."""

import re

import pytest

from django.core import mail
from django.test import Client
from django.urls import reverse

from content_models.interaction import workflow
from content_models.interaction.models import Letter, LetterEvent, State

from .conftest import LETTER, solve, staff_client, staff_of, where, write_letter

pytestmark = pytest.mark.django_db


def track(client, mailbox, code, contact):
    path, host = where(mailbox, "track/")
    return client.post(path, {"code": code, "contact": contact}, **host)


def test_full_lifecycle_write_track_forward_reply_publish(
    cluster, mailboxes, django_capture_on_commit_callbacks
):
    portal_box, fgw_box = mailboxes["portal"], mailboxes["fgw"]
    portal_box.notify_emails = "xfb@hedong.gov.cn"
    portal_box.save_revision().publish()
    fgw_box.notify_emails = "fgw-office@hedong.gov.cn"
    fgw_box.save_revision().publish()
    citizen = Client()

    with django_capture_on_commit_callbacks(execute=True):
        response = write_letter(citizen, portal_box)
    assert response.status_code == 200
    letter = Letter.objects.get()
    assert letter.tracking_code in response.content.decode()
    assert (letter.state, letter.mailbox_id, letter.site_home_id) == (
        State.SUBMITTED,
        portal_box.pk,
        cluster.portal.root_page_id,
    )
    assert [m.to for m in mail.outbox] == [["xfb@hedong.gov.cn"]]

    # The citizen follows it with the code and the phone number they gave.
    page = track(citizen, portal_box, letter.tracking_code.lower(), "139 1234 5678")
    assert "待受理" in page.content.decode()

    office = staff_of(cluster.portal, "portal-editor")
    staff = staff_client(office)
    staff.post(reverse("interaction_letters:action", args=[letter.pk, "accept"]))
    with django_capture_on_commit_callbacks(execute=True):
        response = staff.post(
            reverse("interaction_letters:action", args=[letter.pk, "forward"]),
            {"mailbox": fgw_box.pk, "note": "属发改委职责，请办理。"},
        )
    assert response.status_code == 302
    letter.refresh_from_db()
    assert (letter.state, letter.mailbox_id, letter.site_home_id) == (
        State.FORWARDED,
        fgw_box.pk,
        cluster.fgw.root_page_id,
    )
    assert mail.outbox[-1].to == ["fgw-office@hedong.gov.cn"]
    forwarded = LetterEvent.objects.get(letter=letter, kind="forwarded")
    assert (forwarded.from_body, forwarded.to_body) == ("河东区人民政府", "河东区发展和改革委员会")
    # The portal no longer handles it; the department does.
    assert staff.get(reverse("interaction_letters:detail", args=[letter.pk])).status_code == 404
    fgw_staff = staff_client(staff_of(cluster.fgw, "fgw-editor"))
    reply_text = (
        "感谢您的建议。经研究，已将幸福路站点纳入2026年公交线网优化方案。"
        "联系人张三丰可拨打0539-8100011咨询。"
    )
    with django_capture_on_commit_callbacks(execute=True):
        fgw_staff.post(
            reverse("interaction_letters:action", args=[letter.pk, "reply"]), {"text": reply_text}
        )
    letter.refresh_from_db()
    assert letter.state == State.REPLIED and letter.handling_days == 0
    assert letter.reply_body == "河东区发展和改革委员会"
    reply_mail = mail.outbox[-1]
    assert reply_mail.to == ["zhangsan@example.com"] and letter.tracking_code in reply_mail.subject

    page = track(citizen, portal_box, letter.tracking_code, "zhangsan@example.com").content.decode()
    assert "已答复" in page and "公交线网优化方案" in page
    assert "由河东区人民政府转至河东区发展和改革委员会" in page
    assert "属发改委职责" not in page  # internal notes stay internal

    # Publishing: the form comes pre-filled with personal data removed.
    detail = fgw_staff.get(reverse("interaction_letters:detail", args=[letter.pk]))
    initial = detail.context["publish_form"].initial
    assert "0539-8100011" not in initial["reply_text"] and "张三丰" not in initial["reply_text"]
    refused = fgw_staff.post(
        reverse("interaction_letters:action", args=[letter.pk, "publish"]),
        {**initial, "reply_text": reply_text},
        follow=True,
    )
    assert "仍含有个人信息" in refused.content.decode()
    assert not Letter.objects.get(pk=letter.pk).is_published
    fgw_staff.post(reverse("interaction_letters:action", args=[letter.pk, "publish"]), initial)
    letter.refresh_from_db()
    assert letter.is_published

    # Listed on the department's 信件公开 page and on the portal's, with the response time.
    for list_page in (cluster.fgw_columns["hdjl/xjgk"], cluster.portal_columns["hdjl/xjgk"]):
        path, host = where(list_page)
        html = Client().get(path, **host).content.decode()
        assert "关于增设公交站点的建议" in html and "0 个工作日" in html
    path, host = where(cluster.jyj_columns["hdjl/xjgk"])
    assert "关于增设公交站点的建议" not in Client().get(path, **host).content.decode()
    path, host = where(cluster.fgw_columns["hdjl/xjgk"], f"{letter.pk}/")
    html = Client().get(path, **host).content.decode()
    assert "纳入2026年公交线网优化方案" in html
    assert "13912345678" not in html and "张三丰" not in html


def test_search_finds_published_letters_by_keyword(cluster, mailboxes):
    for subject in ("关于增设公交站点的建议", "关于小区噪音扰民的投诉"):
        letter = workflow.submit(
            mailboxes["fgw"], **{**_fields(), "subject": subject}, may_publish=True
        )
        workflow.reply(letter, "已办理。")
        workflow.publish(letter, subject=subject, body="内容。", reply_text="已办理。")
    path, host = where(cluster.fgw_columns["hdjl/xjgk"])
    html = Client().get(path, {"q": "噪音"}, **host).content.decode()
    assert "噪音扰民" in html and "公交站点" not in html


def _fields():
    return {
        k: v for k, v in LETTER.items() if k in {"letter_type", "subject", "body", "name", "phone"}
    }


def test_a_letter_without_consent_cannot_be_published(cluster, mailboxes):
    letter = workflow.submit(mailboxes["fgw"], **_fields(), may_publish=False)
    workflow.reply(letter, "已办理。")
    with pytest.raises(workflow.WorkflowError, match="未同意公开"):
        workflow.publish(letter, subject="标题", body="内容", reply_text="答复")


def test_errors_keep_what_the_citizen_typed(cluster, mailboxes):
    citizen = Client()
    response = write_letter(
        citizen, mailboxes["portal"], phone="12345", email="", captcha_answer="wrong"
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "请填写有效的手机号码或固定电话" in html and "验证码不正确" in html
    assert LETTER["body"] in html and LETTER["subject"] in html
    assert not Letter.objects.exists()


def test_captcha_is_single_use_and_has_an_image(cluster, mailboxes):
    citizen = Client()
    box = mailboxes["portal"]
    fields = solve(citizen, box, code=True)
    path, host = where(box, "captcha/")
    image = citizen.get(path, {"t": fields["captcha_token"]}, **host)
    assert image["Content-Type"] == "image/png" and image.content.startswith(b"\x89PNG")
    path, host = where(box)
    assert citizen.post(path, {**LETTER, **fields}, **host).status_code == 200
    again = citizen.post(path, {**LETTER, **fields, "subject": "另一封信的标题"}, **host)
    assert "验证码已过期或已使用" in again.content.decode()
    assert Letter.objects.count() == 1


def test_duplicates_are_refused_and_spam_is_flagged(cluster, mailboxes):
    citizen = Client()
    box = mailboxes["portal"]
    write_letter(citizen, box)
    again = write_letter(citizen, box)
    assert "请勿重复提交" in again.content.decode()
    links = " ".join(f"https://spam{n}.example.com" for n in range(5))
    write_letter(citizen, box, subject="优惠信息", body=f"点击领取 {links}", phone="13800000000")
    flagged = Letter.objects.get(subject="优惠信息")
    assert flagged.suspected_spam and "网址" in flagged.spam_reason
    honeypot = write_letter(citizen, box, website="http://bot.example.com", subject="机器人来信")
    assert honeypot.status_code == 400 and not Letter.objects.filter(subject="机器人来信").exists()


def test_tracking_needs_code_and_contact(cluster, mailboxes):
    letter = workflow.submit(mailboxes["portal"], **_fields())
    html = track(Client(), mailboxes["portal"], letter.tracking_code, "13900000000").content
    assert "查询码或联系方式不正确" in html.decode()
    assert LETTER["body"] not in html.decode()
    code_only = re.sub(r"\d", "2", letter.tracking_code)
    assert (
        "查询码或联系方式不正确"
        in track(Client(), mailboxes["portal"], code_only, LETTER["phone"]).content.decode()
    )
