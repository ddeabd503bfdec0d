"""Golden-file tests of the catalogue importer: the row-by-row report is compared verbatim."""

import io
import os
from pathlib import Path

import pytest
from openpyxl import Workbook

from django.core.management import CommandError, call_command
from django.utils import timezone

from content_models.disclosure.models import DisclosureDocumentPage, IssuedIndexNumber
from tests.cluster import build_two_site_cluster
from tests.content_models.disclosure.conftest import content_page_for

FILES = Path(__file__).parent / "files"
pytestmark = pytest.mark.django_db


@pytest.fixture
def fgw_docs():
    cluster = build_two_site_cluster(articles_per_column=0)
    organisation = cluster.fgw.organisation
    organisation.index_number_prefix = "HDFGW"  # stable numbers for the golden files
    organisation.save()
    return content_page_for(cluster.fgw_columns)


def run(path, parent, *extra):
    out = io.StringIO()
    error = None
    try:
        call_command(
            "import_disclosure_catalogue", str(path), "--parent", str(parent.pk), *extra, stdout=out
        )
    except CommandError as exc:
        error = str(exc)
    return out.getvalue(), error


def assert_golden(name, text):
    golden = FILES / name
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(text, "utf-8")
    assert text == golden.read_text("utf-8")


def test_dry_run_reports_every_row_and_writes_nothing(fgw_docs):
    report, error = run(FILES / "catalogue-good.csv", fgw_docs, "--dry-run")
    assert error is None
    assert_golden("catalogue-good.dry-run.txt", report)
    assert not DisclosureDocumentPage.objects.exists()
    assert not IssuedIndexNumber.objects.exists()


def test_import_creates_published_documents_with_validity_and_index_numbers(fgw_docs):
    report, error = run(FILES / "catalogue-good.csv", fgw_docs)
    assert error is None
    assert_golden("catalogue-good.import.txt", report)
    old = DisclosureDocumentPage.objects.get(doc_number="河发改发〔2024〕3号")
    new = DisclosureDocumentPage.objects.get(doc_number="河发改发〔2025〕8号")
    legacy = DisclosureDocumentPage.objects.get(index_number="LEGACY/2023-00042")
    assert old.live and old.validity == "repealed" and old.replaced_by == new
    assert new.topic == "国民经济管理、国有资产监管\\物价" and new.doc_type == "通知"
    assert legacy.disclosure_mode == "on_request"
    assert timezone.localtime(legacy.publish_at).hour == 10
    again, error = run(FILES / "catalogue-good.csv", fgw_docs)
    assert error is None
    assert "新增 0，跳过 3" in again
    assert DisclosureDocumentPage.objects.count() == 3


def test_a_bad_row_is_reported_and_nothing_is_imported(fgw_docs):
    report, error = run(FILES / "catalogue-bad.csv", fgw_docs)
    assert error == "6 行有错误，未导入任何内容。"
    assert_golden("catalogue-bad.import.txt", report)
    assert not DisclosureDocumentPage.objects.exists()
    assert not IssuedIndexNumber.objects.exists()


def test_xlsx_gives_the_same_report_as_csv(fgw_docs, tmp_path):
    import csv

    workbook = Workbook()
    sheet = workbook.active
    with (FILES / "catalogue-bad.csv").open(encoding="utf-8") as handle:
        for row in csv.reader(handle):
            sheet.append(row)
    path = tmp_path / "catalogue-bad.xlsx"
    workbook.save(path)
    report, error = run(path, fgw_docs, "--dry-run")
    expected = (FILES / "catalogue-bad.import.txt").read_text("utf-8")
    assert report.splitlines()[3:] == expected.splitlines()[3:]
    assert error is not None


def test_a_file_without_required_columns_is_refused(fgw_docs, tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("标题,发文字号\n某文件,国办发〔2017〕47号\n", "utf-8")
    _, error = run(path, fgw_docs)
    assert error == "缺少必填列：发布日期、主题分类。"
