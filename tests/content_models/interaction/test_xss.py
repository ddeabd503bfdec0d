"""Every citizen field through every display: no payload is executed or reflected unescaped.

The corpus (tests/fixtures/xss/payloads.txt) goes into each text a citizen controls — letter
fields, tracking lookups, the search box, consultation comments — and into staff texts built
from them (reply, forwarding note, published versions). Each display is parsed as HTML: the
public form shown again with errors, tracking, the public list and letter pages, the
consultation page, the admin list, letter page and comment moderation, and the e-mails.
"""

import itertools
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlparse

import pytest

from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from content_models.interaction import workflow
from content_models.interaction.models import CommentState, Letter

from .conftest import make_consultation, staff_client, staff_of, where

pytestmark = pytest.mark.django_db

CORPUS = Path(__file__).resolve().parents[2] / "fixtures" / "xss" / "payloads.txt"
PAYLOADS = [
    line
    for line in CORPUS.read_text("utf-8").splitlines()
    if line.strip() and not line.startswith("# ")
]
# Every payload that would run calls one of these (case-insensitively, spaces removed).
MARKERS = ("alert(", "xss.", "document.cookie", "eval(", "top[", "msgbox", "expression(")
URL_ATTRIBUTES = {
    "href", "src", "action", "formaction", "data", "background", "dynsrc", "lowsrc",
    "xlink:href", "content", "srcdoc", "poster",
}  # fmt: skip
UNSAFE_SCHEMES = ("javascript:", "vbscript:", "data:text/html", "data:image/svg")


class Inspector(HTMLParser):
    """Collects what a browser would execute: handlers, script/style text, unsafe URLs."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems, self._raw_text_tag = [], None

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            value = (value or "").strip().lower()
            compact = "".join(value.split())
            if name.startswith("on") and any(m in compact for m in MARKERS):
                self.problems.append(f"<{tag} {name}={value!r}>")
            if name in URL_ATTRIBUTES and (
                compact.startswith(UNSAFE_SCHEMES)
                or "url=javascript:" in compact
                or "xss.example" in urlparse(compact.removeprefix("0;url=")).netloc
            ):
                self.problems.append(f"<{tag} {name}={value!r}>")
            if name == "style" and any(m in compact for m in ("javascript:", "expression(")):
                self.problems.append(f"<{tag} style={value!r}>")
        if tag in ("script", "style"):
            self._raw_text_tag = tag

    def handle_endtag(self, tag):
        if tag == self._raw_text_tag:
            self._raw_text_tag = None

    def handle_data(self, data):
        if self._raw_text_tag and any(m in "".join(data.lower().split()) for m in MARKERS):
            self.problems.append(f"<{self._raw_text_tag}> {data[:80]!r}")


def assert_safe(html: str, where_shown: str):
    inspector = Inspector()
    inspector.feed(html)
    assert not inspector.problems, f"{where_shown}: {inspector.problems[:3]}"
    # Quotes in text are harmless (a quote breaking out of an attribute shows up above as an
    # injected handler); markup must never come back as markup.
    reflected = [p for p in PAYLOADS if any(c in p for c in "<>") and p in html]
    assert not reflected, f"{where_shown} reflects unescaped: {reflected[:3]}"


def test_the_corpus_is_large():
    assert len(PAYLOADS) >= 100


def test_forms_shown_again_with_errors_escape_what_was_typed(cluster, mailboxes):
    box = mailboxes["portal"]
    path, host = where(box)
    track_path, _ = where(box, "track/")
    list_path, list_host = where(cluster.portal_columns["hdjl/xjgk"])
    consultation = make_consultation(cluster)
    c_path, c_host = where(consultation)
    client = Client()
    for n, payload in enumerate(PAYLOADS):
        data = {
            "letter_type": payload,
            "subject": payload,
            "body": payload,
            "name": payload,
            "phone": payload,
            "email": payload,
            "captcha_token": payload,
            "captcha_answer": payload,
            "website": "",
        }
        response = client.post(path, data, **host, REMOTE_ADDR=f"10.0.{n // 250}.{n % 250}")
        assert response.status_code == 400
        assert_safe(response.content.decode(), f"mailbox form with {payload!r}")
        tracked = client.post(track_path, {"code": payload, "contact": payload}, **host)
        assert_safe(tracked.content.decode(), f"tracking with {payload!r}")
        searched = client.get(list_path, {"q": payload, "year": payload}, **list_host)
        assert_safe(searched.content.decode(), f"search with {payload!r}")
        commented = client.post(
            c_path, {"name": payload, "contact": payload, "text": payload}, **c_host
        )
        assert_safe(commented.content.decode(), f"comment form with {payload!r}")
    assert not Letter.objects.exists()


def test_stored_texts_are_escaped_in_every_display(
    cluster, mailboxes, django_capture_on_commit_callbacks
):
    portal_box, fgw_box = mailboxes["portal"], mailboxes["fgw"]
    for box, address in ((portal_box, "portal@hedong.gov.cn"), (fgw_box, "fgw@hedong.gov.cn")):
        box.notify_emails = address
        box.save_revision().publish()
    listing = cluster.fgw_columns["hdjl/xjgk"]
    listing.per_page = 500
    listing.save_revision().publish()
    office = staff_of(cluster.fgw, "fgw-editor")
    letters = []
    with django_capture_on_commit_callbacks(execute=True):
        for n, payload in enumerate(PAYLOADS):
            letter = workflow.submit(
                portal_box,
                letter_type="consult",
                subject=payload[:100],
                body=f"{payload}\n\n{payload}",
                name=payload[:50],
                phone=f"139{n:08d}",
                email="citizen@example.com",
                may_publish=True,
            )
            workflow.forward(letter, fgw_box, note=payload)
            workflow.add_note(letter, payload, user=office)
            workflow.reply(letter, f"答复：{payload}", user=office)
            letter.public_subject, letter.public_body = payload[:100], payload
            letter.public_reply, letter.is_published = payload, True
            letter.published_at = timezone.now()
            letter.save()
            letters.append(letter)
    assert len(mail.outbox) == 3 * len(PAYLOADS)  # new, forwarded, replied
    for message in mail.outbox:
        assert message.content_subtype == "plain" and "\n" not in message.subject
        html, mime = message.alternatives[0]
        assert mime == "text/html"
        assert_safe(html, f"e-mail {message.subject!r}")

    path, host = where(listing)
    assert_safe(Client().get(path, **host).content.decode(), "public list")
    portal_path, portal_host = where(cluster.portal_columns["hdjl/xjgk"])
    assert_safe(Client().get(portal_path, **portal_host).content.decode(), "portal list")
    staff = staff_client(office)
    for page_number in itertools.count(1):
        response = staff.get(reverse("interaction_letters:index"), {"p": page_number})
        assert_safe(response.content.decode(), "admin list")
        if page_number >= response.context["letters"].paginator.num_pages:
            break
    citizen = Client()
    track_path, track_host = where(portal_box, "track/")
    for n, letter in enumerate(letters):
        detail_path, detail_host = where(listing, f"{letter.pk}/")
        page = citizen.get(detail_path, **detail_host)
        assert page.status_code == 200
        assert_safe(page.content.decode(), f"public letter {letter.pk}")
        tracked = citizen.post(
            track_path,
            {"code": letter.tracking_code, "contact": letter.phone},
            **track_host,
            REMOTE_ADDR=f"10.1.{n // 250}.{n % 250}",
        )
        assert letter.tracking_code in tracked.content.decode()
        assert_safe(tracked.content.decode(), f"tracking {letter.pk}")
        admin_page = staff.get(reverse("interaction_letters:detail", args=[letter.pk]))
        assert_safe(admin_page.content.decode(), f"admin letter {letter.pk}")

    consultation = make_consultation(cluster)
    for n, payload in enumerate(PAYLOADS):
        item = workflow.submit_comment(
            consultation, name=payload[:50], contact=f"137{n:08d}", text=payload
        )
        workflow.moderate(item, state=CommentState.APPROVED, adoption="adopted", note=payload)
    c_path, c_host = where(consultation)
    assert_safe(Client().get(c_path, **c_host).content.decode(), "consultation page")
    portal_staff = staff_client(staff_of(cluster.portal, "portal-editor"))
    moderation = portal_staff.get(reverse("interaction_comments:index"), {"state": "all"})
    assert_safe(moderation.content.decode(), "comment moderation")


def test_the_inspector_catches_every_payload_left_unescaped():
    """The check above is only as good as its detector: raw markup must always fail it."""
    for payload in (p for p in PAYLOADS if "<" in p):
        with pytest.raises(AssertionError):
            assert_safe(f"<html><body><p>{payload}</p></body></html>", "raw")
