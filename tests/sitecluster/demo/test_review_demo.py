"""Demo 发布审核 on the two-site cluster (its codes hedong and fgw match the demo's)."""

from __future__ import annotations

import pytest

from wagtail.models import Page

from content_models.review.checking import check_instance
from content_models.review.models import SensitiveWord
from sitecluster.demo.review import load_review_demo
from tests.cluster import build_two_site_cluster

pytestmark = pytest.mark.django_db


def test_words_users_and_pages_in_review_once():
    build_two_site_cluster(articles_per_column=1)
    first = load_review_demo("Demo@2026")
    assert first["submitted"] == 3 and first["words"] >= 6
    assert load_review_demo("Demo@2026") == {"words": 0, "submitted": 0}

    in_review = Page.objects.filter(slug__startswith="dsh-")
    assert in_review.count() == 3
    assert all(page.workflow_in_progress and not page.live for page in in_review)
    typo = in_review.get(slug="dsh-jnxcz")
    report = check_instance(typo.get_latest_revision().as_object())
    assert [hit.replacement for hit in report.warnings] == ["部署"]
    assert SensitiveWord.objects.filter(word="绝密★", level="block").exists()
