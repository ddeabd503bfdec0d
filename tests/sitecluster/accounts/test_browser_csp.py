"""Headless Chromium: the Content-Security-Policy breaks neither the Wagtail admin (login,
dashboard, page editor) nor the public pages and the login/TOTP pages — no violations, no
script errors."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from django.contrib.auth import get_user_model

from tests.browser.test_smoke import browser  # noqa: F401 - the module-scoped fixture
from tests.cluster import PORTAL_HOST, build_two_site_cluster

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
PASSWORD = "Browser-Check#2026"


def watch(page) -> list[str]:
    problems: list[str] = []
    page.on(
        "console",
        lambda m: problems.append(m.text) if "Content Security Policy" in m.text else None,
    )
    page.on("pageerror", lambda exc: problems.append(f"pageerror: {exc}"))
    return problems


def test_admin_and_public_pages_work_under_the_csp(browser, live_server):  # noqa: F811
    cluster = build_two_site_cluster(articles_per_column=1)
    get_user_model().objects.create_superuser("csp-admin", "csp@hedong.example", PASSWORD)
    article = cluster.article
    base = f"http://{PORTAL_HOST}:{urlsplit(live_server.url).port}"

    def run():
        with browser.context("desktop") as context:
            page = context.new_page()
            problems = watch(page)
            page.goto(f"{base}/", wait_until="load")
            page.goto(f"{base}/accounts/login/", wait_until="load")
            page.goto(f"{base}/admin/login/", wait_until="load")
            page.fill("input[name=username]", "csp-admin")
            page.fill("input[name=password]", PASSWORD)
            page.click("button[type=submit]")
            page.wait_for_url(f"{base}/admin/", wait_until="load")
            assert page.locator("main").count() >= 1
            page.goto(f"{base}/admin/pages/{article.pk}/edit/", wait_until="networkidle")
            page.wait_for_selector(".Draftail-Editor, [data-draftail-input]", timeout=20_000)
            title = page.locator("#id_title")
            assert title.input_value() == article.title
            page.goto(f"{base}/admin/security-audit/", wait_until="load")
            assert page.locator("svg.security-chart").count() == 1
            return problems

    problems = browser.run(run)
    assert not problems, "\n".join(problems)
