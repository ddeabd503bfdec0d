"""migrate_legacy_site end to end against two generated legacy sites and golden files.

Regenerate the golden files after an intended change:
    UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/migrations -q
"""

from __future__ import annotations

import json

import pytest

from django.core.management import call_command
from django.core.management.base import CommandError

from wagtail.contrib.redirects.models import Redirect
from wagtail.images import get_image_model

from content_models.articles.models import ArticlePage
from migrations.legacy.importer import LegacyImporter
from migrations.legacy.records import LegacyImportRecord
from tests.cluster import build_two_site_cluster

from .legacy_sites import build_hanweb_site, build_trs_site, serve_folder
from .snapshot import assert_matches_golden, site_snapshot

pytestmark = pytest.mark.django_db


@pytest.fixture
def cluster():
    return build_two_site_cluster(articles_per_column=0)


def run(source, site, mapping, tmp_path, *extra):
    report = tmp_path / f"report-{len(list(tmp_path.glob('report-*.json')))}.txt"
    call_command(
        "migrate_legacy_site",
        "--source", str(source), "--site", site, "--mapping", mapping,
        "--report", str(report), *extra, verbosity=0,
    )  # fmt: skip
    return json.loads(report.with_suffix(".json").read_text("utf-8"))


def stable(report: dict) -> dict:
    keys = ("site", "mapping", "dry_run", "counts", "skipped", "failed", "undated")
    keys += ("rejected_files", "unmapped_columns", "redirect_conflicts", "encodings")
    return {key: report[key] for key in keys + ("not_articles",)}


def test_trs_site_imports_as_the_golden_files_say(cluster, tmp_path):
    mirror = build_trs_site(tmp_path / "mirror")
    report = run(mirror.parent, "fgw", "trs", tmp_path)
    assert_matches_golden("trs/site", site_snapshot(cluster.fgw))
    assert_matches_golden("trs/report", stable(report))

    # What an operator checks first: seven article pages, five imported, the rest explained.
    counts = report["counts"]
    assert counts["articles"] == 7 and counts["created"] == 5 and counts["drafts_undated"] == 1
    assert counts["images_created"] == 1 and counts["documents_created"] == 1
    reasons = dict(report["skipped"])
    assert "过大" in reasons["http://www.old-fgw.gov.cn/xwzx/gzdt/202001/t20200115_199999.html"]
    assert "专题专栏" in reasons["http://www.old-fgw.gov.cn/ztzl/hdzt/201405/t20140501_100006.html"]

    # A second run changes nothing and says so.
    before = site_snapshot(cluster.fgw)
    again = run(mirror.parent, "fgw", "trs", tmp_path)
    assert site_snapshot(cluster.fgw) == before
    assert again["counts"]["created"] == 0 and again["counts"]["unchanged"] == 5
    assert again["counts"]["redirects_created"] == 0
    assert again["skipped"] == report["skipped"] and again["failed"] == report["failed"]


def test_hanweb_site_interrupted_and_resumed_equals_one_run(cluster, tmp_path):
    mirror = build_hanweb_site(tmp_path / "mirror")
    first = run(mirror.parent, "jyj", "hanweb", tmp_path, "--limit", "1")
    assert first["interrupted"] and first["counts"]["created"] == 1
    rest = run(mirror.parent, "jyj", "hanweb", tmp_path, "--resume")
    assert rest["counts"]["created"] == 2 and rest["counts"]["unchanged"] == 1
    assert_matches_golden("hanweb/site", site_snapshot(cluster.jyj))
    assert_matches_golden("hanweb/report", stable(rest) | {"counts": None})
    again = run(mirror.parent, "jyj", "hanweb", tmp_path)
    assert again["counts"]["created"] == 0 and again["counts"]["unchanged"] == 3


def test_a_run_killed_inside_a_page_leaves_nothing_half_written(cluster, tmp_path, monkeypatch):
    mirror = build_trs_site(tmp_path / "mirror")
    original = LegacyImporter._create_page
    calls = {"n": 0}

    def create_then_die(self, *args, **kwargs):
        calls["n"] += 1
        page = original(self, *args, **kwargs)
        if calls["n"] == 2:  # after the page and its images exist, before its record
            raise KeyboardInterrupt
        return page

    monkeypatch.setattr(LegacyImporter, "_create_page", create_then_die)
    report = run(mirror.parent, "fgw", "trs", tmp_path)
    assert report["interrupted"] and report["counts"]["created"] == 1
    assert ArticlePage.objects.descendant_of(cluster.fgw.root_page).count() == 1
    assert LegacyImportRecord.objects.filter(kind="page").count() == 1
    monkeypatch.setattr(LegacyImporter, "_create_page", original)
    run(mirror.parent, "fgw", "trs", tmp_path, "--resume")
    assert_matches_golden("trs/site", site_snapshot(cluster.fgw))


def test_dry_run_writes_nothing(cluster, tmp_path, settings):
    mirror = build_trs_site(tmp_path / "mirror")
    media = settings.MEDIA_ROOT
    files_before = {p for p in media.rglob("*") if p.is_file()}
    report = run(mirror.parent, "fgw", "trs", tmp_path, "--dry-run")
    assert report["dry_run"] and report["counts"]["created"] == 5
    assert not ArticlePage.objects.descendant_of(cluster.fgw.root_page).exists()
    assert not LegacyImportRecord.objects.exists() and not Redirect.objects.exists()
    assert not get_image_model().objects.exists()
    assert {p for p in media.rglob("*") if p.is_file()} == files_before


def test_old_urls_keep_working_once_the_legacy_host_is_an_alias(cluster, tmp_path, client):
    run(build_trs_site(tmp_path / "trs").parent, "fgw", "trs", tmp_path)
    run(build_hanweb_site(tmp_path / "hanweb").parent, "jyj", "hanweb", tmp_path)
    for site, host in ((cluster.fgw, "www.old-fgw.gov.cn"), (cluster.jyj, "www.old-jyj.gov.cn")):
        site.aliases = host
        site.save()
    cases = [
        ("www.old-fgw.gov.cn", "/xwzx/gzdt/201207/t20120720_100001.html"),
        ("www.old-jyj.gov.cn", None),
    ]
    jyj_record = LegacyImportRecord.objects.filter(
        cluster_site=cluster.jyj, kind="page", page__live=True
    ).first()
    cases[1] = ("www.old-jyj.gov.cn", jyj_record.legacy_url.split("gov.cn", 1)[1])
    for host, path in cases:
        response = client.get(path, HTTP_HOST=host, follow=True)
        assert response.status_code == 200, (host, path, response.redirect_chain)
        assert response.redirect_chain[0][1] == 301
        record = LegacyImportRecord.objects.get(legacy_url=f"http://{host}{path}")
        assert record.page.title in response.content.decode()


@pytest.mark.parametrize(
    "args, message",
    [
        (["--site", "nope", "--mapping", "trs"], "站点代码“nope”不存在"),
        (["--site", "fgw", "--mapping", "missing.yaml"], "映射文件不存在"),
        (["--site", "fgw", "--mapping", "{bad}"], "映射文件有误"),
    ],
)
def test_clear_errors(cluster, tmp_path, args, message):
    mirror = build_trs_site(tmp_path / "mirror")
    if "{bad}" in args:
        bad = tmp_path / "bad.yaml"
        bad.write_text("article_url_patterns: ['(']\nselectors: {body: 'div'}\n", "utf-8")
        args = [str(bad) if a == "{bad}" else a for a in args]
    with pytest.raises(CommandError, match=message):
        call_command("migrate_legacy_site", "--source", str(mirror.parent), *args)


def test_mapping_to_a_column_the_site_lacks_is_refused(cluster, tmp_path):
    mapping = tmp_path / "m.yaml"
    mapping.write_text(
        "article_url_patterns: ['t\\d+']\nselectors: {body: 'div'}\n"
        "columns: {default: 'no-such-column'}\nbase_url: 'http://x.gov.cn/'\n",
        "utf-8",
    )
    (tmp_path / "src").mkdir()
    with pytest.raises(CommandError, match="no-such-column"):
        call_command(
            "migrate_legacy_site", "--source", str(tmp_path / "src"), "--site", "fgw",
            "--mapping", str(mapping),
        )  # fmt: skip


def test_a_live_site_is_crawled_over_http(cluster, tmp_path):
    mirror = build_trs_site(tmp_path / "mirror")
    with serve_folder(mirror) as url:
        report = run(url, "fgw", "trs", tmp_path)
    assert report["counts"]["created"] == 5 and report["counts"]["images_created"] == 1
    assert Redirect.objects.filter(old_path="/xwzx/gzdt/201207/t20120720_100001.html").exists()
