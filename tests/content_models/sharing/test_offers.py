"""报送 through the admin: offer, the receiver's queue, accept into a column or decline with a
reason, the sender's list, audit entries, and the scoping of every queue view."""

from __future__ import annotations

import json
import re

import pytest

from django.urls import reverse

from wagtail.models import PageLogEntry

from content_models.sharing.models import OfferStatus, ReferencePage, ShareOffer
from content_models.sharing.submission import offer

from .conftest import where

pytestmark = pytest.mark.django_db


def login(client, shared, name):
    client.force_login(shared.users[name])


def offer_fgw_article(client, shared, cluster, message="请门户采用"):
    login(client, shared, "fgw-editor")
    response = client.post(
        reverse("sharing_offer", args=[cluster.article.pk]),
        {"receiver": cluster.portal.pk, "message": message},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return ShareOffer.objects.get(source=cluster.article, receiver_home=cluster.portal.root_page)


def refused(response) -> bool:
    """403, or Wagtail's "no permission" redirect to the dashboard."""
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    )


def sidebar_text(html: str) -> str:
    """The admin menu's labels (Wagtail renders the sidebar from a JSON script element)."""
    match = re.search(r'<script id="wagtail-sidebar-props"[^>]*>(.*?)</script>', html, re.S)
    return json.dumps(json.loads(match.group(1)), ensure_ascii=False)


def actions(page):
    return list(
        PageLogEntry.objects.filter(page=page, action__startswith="sharing.")
        .order_by("timestamp", "pk")
        .values_list("action", flat=True)
    )


def test_offer_waits_in_the_receivers_queue_and_is_accepted(client, shared, cluster):
    share = offer_fgw_article(client, shared, cluster)
    assert share.status == OfferStatus.PENDING
    assert share.sender_home_id == cluster.fgw.root_page_id
    outbox = client.get(reverse("sharing_outbox")).content.decode()
    assert cluster.article.title in outbox and "待接收" in outbox

    login(client, shared, "hedong-reviewer")
    inbox = client.get(reverse("sharing_inbox"))
    html = inbox.content.decode()
    assert cluster.article.title in html and "请门户采用" in html
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "待接收的报送：<strong>1</strong>" in dashboard
    assert "报送接收（1）" in sidebar_text(dashboard)  # the menu badge

    news = cluster.portal_columns["gzdt"]
    form = client.get(reverse("sharing_accept", args=[share.pk]))
    assert form.status_code == 200
    response = client.post(reverse("sharing_accept", args=[share.pk]), {"column": news.pk})
    assert response.status_code == 302
    share.refresh_from_db()
    assert share.status == OfferStatus.ACCEPTED and share.column_id == news.pk
    reference = ReferencePage.objects.get(pk=share.reference_id)
    assert reference.source_id == cluster.article.pk and reference.live
    assert reference.get_parent().pk == news.pk
    # it appears at the receiver, as a reference of the source
    path, host = where(news)
    assert cluster.article.title in client.get(path, **host).content.decode()
    path, host = where(reference)
    assert f"来源：{cluster.fgw.name}" in client.get(path, **host).content.decode()
    # the sender sees the outcome
    login(client, shared, "fgw-editor")
    outbox = client.get(reverse("sharing_outbox")).content.decode()
    assert "已采用" in outbox and "要闻动态" in outbox
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "最近处理的我的报送" in dashboard
    assert actions(cluster.article) == ["sharing.offer", "sharing.accept"]


def test_decline_with_a_reason(client, shared, cluster):
    share = offer_fgw_article(client, shared, cluster)
    login(client, shared, "hedong-admin")
    empty = client.post(reverse("sharing_decline", args=[share.pk]), {"reason": "  "})
    assert empty.status_code == 200 and "请填写退回理由" in empty.content.decode()
    response = client.post(
        reverse("sharing_decline", args=[share.pk]), {"reason": "内容与门户栏目定位不符"}
    )
    assert response.status_code == 302
    share.refresh_from_db()
    assert share.status == OfferStatus.DECLINED and share.reason == "内容与门户栏目定位不符"
    assert not ReferencePage.objects.filter(source=cluster.article).exists()
    login(client, shared, "fgw-editor")
    outbox = client.get(reverse("sharing_outbox")).content.decode()
    assert "已退回" in outbox and "内容与门户栏目定位不符" in outbox
    entry = PageLogEntry.objects.get(page=cluster.article, action="sharing.decline")
    assert entry.data["reason"] == "内容与门户栏目定位不符"
    assert entry.user == shared.users["hedong-admin"]
    # a decided offer cannot be decided again
    login(client, shared, "hedong-admin")
    again = client.post(reverse("sharing_accept", args=[share.pk]), {"column": 1})
    assert again.status_code == 302
    share.refresh_from_db()
    assert share.status == OfferStatus.DECLINED


def test_offer_twice_and_offering_other_sites_pages_are_refused(client, shared, cluster):
    offer_fgw_article(client, shared, cluster)
    again = client.post(
        reverse("sharing_offer", args=[cluster.article.pk]), {"receiver": cluster.portal.pk}
    )
    assert again.status_code == 200 and "正在等待对方处理" in again.content.decode()
    # jyj's editor cannot offer fgw's article: for them it does not exist
    login(client, shared, "jyj-editor")
    assert client.get(reverse("sharing_offer", args=[cluster.article.pk])).status_code == 404
    # nor offer to their own site
    login(client, shared, "fgw-editor")
    own = client.post(
        reverse("sharing_offer", args=[cluster.article.pk]), {"receiver": cluster.fgw.pk}
    )
    assert own.status_code == 200
    assert ShareOffer.objects.filter(receiver_home=cluster.fgw.root_page).count() == 0


def test_queues_are_scoped_to_the_users_sites(client, shared, cluster):
    share = offer(cluster.article, cluster.jyj.root_page, user=shared.users["fgw-editor"])
    title = cluster.article.title
    # the receiver (jyj) and sender (fgw) see it; the portal's people do not
    for name, url in (("jyj-editor", "sharing_inbox"), ("fgw-admin", "sharing_outbox")):
        login(client, shared, name)
        assert title in client.get(reverse(url)).content.decode(), name
    for name in ("hedong-admin", "hedong-editor"):
        login(client, shared, name)
        for url in ("sharing_inbox", "sharing_outbox"):
            assert title not in client.get(reverse(url)).content.decode(), (name, url)
        for url in ("sharing_accept", "sharing_decline"):
            response = client.post(reverse(url, args=[share.pk]), {"reason": "x"})
            assert response.status_code == 404, (name, url)
    # fgw (the sender) cannot act on jyj's queue either
    login(client, shared, "fgw-admin")
    assert refused(client.post(reverse("sharing_accept", args=[share.pk])))
    # an editor of the receiver sees the queue but accepting needs an admin or reviewer
    login(client, shared, "jyj-editor")
    assert refused(client.get(reverse("sharing_accept", args=[share.pk])))
    # the information office sees everything
    login(client, shared, "office")
    assert title in client.get(reverse("sharing_inbox")).content.decode()
    share.refresh_from_db()
    assert share.status == OfferStatus.PENDING


def test_accepting_into_another_sites_column_is_refused(client, shared, cluster):
    share = offer(cluster.article, cluster.portal.root_page, user=shared.users["fgw-editor"])
    login(client, shared, "hedong-admin")
    response = client.post(
        reverse("sharing_accept", args=[share.pk]), {"column": cluster.jyj_columns["gzdt"].pk}
    )
    assert response.status_code == 200  # the form refuses a column outside the portal's own
    share.refresh_from_db()
    assert share.status == OfferStatus.PENDING


def test_withdraw(client, shared, cluster):
    share = offer_fgw_article(client, shared, cluster)
    response = client.post(reverse("sharing_withdraw", args=[share.pk]))
    assert response.status_code == 302
    share.refresh_from_db()
    assert share.status == OfferStatus.WITHDRAWN
    assert actions(cluster.article) == ["sharing.offer", "sharing.withdraw"]
