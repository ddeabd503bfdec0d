"""The two-site cluster with its 互动交流 pages, and a citizen who can solve the CAPTCHA."""

from __future__ import annotations

import datetime as dt
import shutil
from urllib.parse import urlparse

import pytest

from django.contrib.auth.models import Permission, User
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from content_models.interaction import captcha
from content_models.interaction.attachments import private_root
from content_models.interaction.models import ConsultationPage
from sitecluster.provisioning.pages import add_published_child
from sitecluster.tenancy.models import SiteGroup
from tests.cluster import build_two_site_cluster

PORTAL = {"HTTP_HOST": "hedong.test"}
FGW = {"HTTP_HOST": "fgw.test"}


@pytest.fixture(autouse=True)
def _private_files():
    yield
    shutil.rmtree(private_root(), ignore_errors=True)


@pytest.fixture
def cluster():
    return build_two_site_cluster(articles_per_column=0)


@pytest.fixture
def mailboxes(cluster):
    """``{"portal": ..., "fgw": ..., "jyj": ...}`` leader mailboxes, made by the blueprints."""
    return {
        "portal": cluster.portal_columns["hdjl/ldyx"],
        "fgw": cluster.fgw_columns["hdjl/ldyx"],
        "jyj": cluster.jyj_columns["hdjl/ldyx"],
    }


def where(page, route: str = "") -> tuple[str, dict]:
    """``(path, {"HTTP_HOST": host})`` at which citizens reach ``page`` (plus a sub-route)."""
    _, root_url, path = page.get_url_parts()
    return path + route, {"HTTP_HOST": urlparse(root_url).hostname}


def solve(client, page, *, code=False) -> dict:
    """GET the form page and return the CAPTCHA fields a person would post (backdated 5 s)."""
    path, host = where(page)
    response = client.get(path, **host)
    token = response.context["challenge"].token
    nonce = captcha._nonce(token)
    entry = cache.get(captcha.challenge_key(nonce))
    entry["issued"] -= 5
    cache.set(captcha.challenge_key(nonce), entry, 600)
    return {"captcha_token": token, "captcha_answer": entry["code"] if code else entry["sum"]}


LETTER = {
    "letter_type": "suggestion",
    "subject": "关于增设公交站点的建议",
    "body": "河东区幸福路与和平街交叉口附近居民较多，建议增设公交站点，方便群众出行。",
    "name": "张三丰",
    "phone": "13912345678",
    "email": "zhangsan@example.com",
    "may_publish": "on",
}


def write_letter(client, mailbox, **overrides):
    data = {**LETTER, **solve(client, mailbox), **overrides}
    path, host = where(mailbox)
    return client.post(path, data, **host)


def staff_of(site, username, role="editor") -> User:
    site_group = SiteGroup.objects.get(cluster_site=site, role=role)
    site_group.group.permissions.add(Permission.objects.get(codename="access_admin"))
    user = User.objects.create_user(username, password="x")
    user.groups.add(site_group.group)
    return user


def staff_client(user) -> Client:
    client = Client(**PORTAL)
    client.force_login(user)
    return client


def make_consultation(cluster, *, opens_in=-5, closes_in=10, **fields) -> ConsultationPage:
    today = timezone.localdate()
    page = ConsultationPage(
        title=fields.pop("title", "《河东区养犬管理办法（征求意见稿）》公开征求意见"),
        slug=fields.pop("slug", "yqgl"),
        opens_on=today + dt.timedelta(days=opens_in),
        closes_on=today + dt.timedelta(days=closes_in),
        intro="为规范养犬行为，现公开征求社会公众意见。",
        **fields,
    )
    return add_published_child(cluster.portal_columns["hdjl/yjzj"], page)
