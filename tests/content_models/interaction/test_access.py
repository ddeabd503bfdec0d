"""Who sees what: a body only its own letters; a citizen only theirs; rate limits; attachments."""

import io

import pytest
from PIL import Image

from django.contrib.auth.models import Permission, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from content_models.interaction import workflow
from content_models.interaction.models import Letter, LetterAttachment

from .conftest import LETTER, PORTAL, staff_client, staff_of, where, write_letter

pytestmark = pytest.mark.django_db
FIELDS = {k: LETTER[k] for k in ("letter_type", "subject", "body", "name", "phone")}


def test_staff_see_only_their_own_sites_letters(cluster, mailboxes):
    portal_letter = workflow.submit(mailboxes["portal"], **{**FIELDS, "subject": "门户来信"})
    workflow.submit(mailboxes["fgw"], **{**FIELDS, "subject": "发改委来信"})
    jyj_letter = workflow.submit(mailboxes["jyj"], **{**FIELDS, "subject": "教育局来信"})

    fgw = staff_client(staff_of(cluster.fgw, "fgw-editor"))
    listing = fgw.get(reverse("interaction_letters:index")).content.decode()
    assert "发改委来信" in listing and "门户来信" not in listing and "教育局来信" not in listing
    for other in (portal_letter, jyj_letter):
        assert fgw.get(reverse("interaction_letters:detail", args=[other.pk])).status_code == 404
        response = fgw.post(
            reverse("interaction_letters:action", args=[other.pk, "reply"]), {"text": "x"}
        )
        assert response.status_code == 404
    assert Letter.objects.get(pk=jyj_letter.pk).state == "submitted"

    # The portal's own editors do not see departments' letters though their pages lie below.
    portal = staff_client(staff_of(cluster.portal, "portal-editor"))
    listing = portal.get(reverse("interaction_letters:index")).content.decode()
    assert "门户来信" in listing and "发改委来信" not in listing

    # The information office sees every site.
    office = User.objects.create_superuser("office", password="x")
    listing = staff_client(office).get(reverse("interaction_letters:index")).content.decode()
    assert all(s in listing for s in ("门户来信", "发改委来信", "教育局来信"))

    # Someone with admin access but no site role sees nothing of it.
    stranger = User.objects.create_user("stranger", password="x", is_staff=True)
    stranger.user_permissions.add(Permission.objects.get(codename="access_admin"))
    refused = staff_client(stranger).get(reverse("interaction_letters:index"))
    assert (
        refused.status_code == 302 and "门户来信" not in refused.content.decode()
    )  # Wagtail: to /admin/


def test_rate_limits_per_address_and_per_contact(cluster, mailboxes):
    citizen = Client()
    box = mailboxes["portal"]
    for n in range(3):
        response = write_letter(
            citizen, box, subject=f"第{n + 1}封来信的标题", REMOTE_ADDR="10.9.0.1"
        )
        assert response.status_code == 200
    blocked = write_letter(citizen, box, subject="第四封来信的标题")  # same phone, new address
    assert "同一联系方式今日来信已达上限" in blocked.content.decode()
    assert "第四封来信的标题" in blocked.content.decode()  # what was typed is kept
    for n in range(2):
        write_letter(citizen, box, subject=f"换号来信{n}", phone=f"1380000000{n}", email="")
    blocked = write_letter(citizen, box, subject="换号来信9", phone="13800000009", email="")
    assert "同一网络提交过于频繁" in blocked.content.decode()
    assert Letter.objects.count() == 5


def _png(exif_gps=False) -> bytes:
    out = io.BytesIO()
    image = Image.new("RGB", (40, 30), (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "Camera Maker"
    image.save(out, format="JPEG", exif=exif.tobytes())
    return out.getvalue()


def test_attachments_are_checked_reencoded_and_served_to_staff_only(cluster, mailboxes):
    citizen = Client()
    box = mailboxes["fgw"]
    photo = SimpleUploadedFile("现场照片.jpg", _png(), content_type="image/jpeg")
    fake = SimpleUploadedFile("病毒.jpg", b"MZ\x90\x00 not an image", content_type="image/jpeg")
    script_pdf = SimpleUploadedFile("x.pdf", b"%PDF-1.4 /JavaScript (app.alert(1))")
    html = SimpleUploadedFile("page.html", b"<script>alert(1)</script>", content_type="text/html")
    refused = write_letter(citizen, box, attachments=[fake, script_pdf, html]).content.decode()
    assert "无法识别为图片" in refused and "含有脚本" in refused and "类型不支持" in refused
    assert not Letter.objects.exists()

    photo.seek(0)
    write_letter(citizen, box, attachments=[photo])
    attachment = LetterAttachment.objects.get()
    assert attachment.original_name == "现场照片.jpg" and attachment.content_type == "image/jpeg"
    stored = attachment.file.read()
    assert b"Camera Maker" not in stored and Image.open(io.BytesIO(stored)).size == (40, 30)
    from django.conf import settings

    assert not attachment.file.path.startswith(str(settings.MEDIA_ROOT) + "/")

    url = reverse("interaction_letters:attachment", args=[attachment.letter_id, attachment.pk])
    assert staff_client(staff_of(cluster.fgw, "fgw-editor")).get(url).status_code == 200
    assert staff_client(staff_of(cluster.jyj, "jyj-editor")).get(url).status_code == 404
    assert Client(**PORTAL).get(url).status_code == 302  # to the admin login


def test_a_citizen_sees_only_their_own_letter(cluster, mailboxes):
    mine = workflow.submit(mailboxes["portal"], **FIELDS)
    theirs = workflow.submit(
        mailboxes["portal"], **{**FIELDS, "subject": "别人的来信", "phone": "13611112222"}
    )
    path, host = where(mailboxes["portal"], "track/")
    html = Client().post(path, {"code": mine.tracking_code, "contact": "13912345678"}, **host)
    assert "关于增设公交站点的建议" in html.content.decode()
    wrong = Client().post(path, {"code": theirs.tracking_code, "contact": "13912345678"}, **host)
    assert "别人的来信" not in wrong.content.decode()
    # Unpublished letters are never on the public pages.
    detail, detail_host = where(cluster.portal_columns["hdjl/xjgk"], f"{mine.pk}/")
    assert Client().get(detail, **detail_host).status_code == 404
