"""The annual report: tables computed from documents and applications, XLSX, district totals."""

import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from django.utils import timezone

from content_models.disclosure.factories import DisclosureDocumentPageFactory
from content_models.disclosure_reports.models import AnnualReportIndexPage, AnnualReportPage
from content_models.disclosure_requests import workflow
from sitecluster.provisioning.pages import add_published_child
from tests.cluster import build_two_site_cluster
from tests.content_models.disclosure.conftest import content_page_for
from tests.content_models.disclosure_requests.conftest import make_request

pytestmark = pytest.mark.django_db
D = dt.date
FGW = {"HTTP_HOST": "fgw.test"}


def at(day):
    return timezone.make_aware(dt.datetime(day.year, day.month, day.day, 9, 0))


def report_index(columns):
    existing = columns["zfxxgk/xxgknb"].specific
    if isinstance(existing, AnnualReportIndexPage):
        return existing
    return add_published_child(columns["zfxxgk"], AnnualReportIndexPage(title="年报", slug="nb2"))


def application(organisation, received, applicant_type="natural", **steps):
    request = workflow.submit(
        make_request(
            organisation,
            applicant_type=applicant_type,
            submitted_at=at(received),
            legal_representative="" if applicant_type == "natural" else "法人",
        )
    )
    workflow.register(request, received_on=received)
    if "reply" in steps:
        day, outcome = steps["reply"]
        workflow.reply(request, outcome=outcome, text="答复", on=day)
    return request


@pytest.fixture
def data():
    cluster = build_two_site_cluster(articles_per_column=0)
    docs = content_page_for(cluster.fgw_columns)
    fgw, jyj = cluster.fgw.organisation, cluster.jyj.organisation
    normative = [
        add_published_child(
            docs,
            DisclosureDocumentPageFactory.build(
                legal_class="normative", publish_at=at(day), written_date=day
            ),
        )
        for day in (D(2024, 5, 6), D(2025, 2, 10), D(2025, 6, 3))
    ]
    repealed = normative[0]
    repealed.validity, repealed.validity_changed_on = "repealed", D(2025, 7, 1)
    repealed.save_revision().publish()
    add_published_child(
        docs, DisclosureDocumentPageFactory.build(legal_class="other", publish_at=at(D(2025, 3, 3)))
    )
    application(fgw, D(2024, 12, 20), reply=(D(2025, 1, 10), "1"))  # carried in, closed
    application(fgw, D(2025, 3, 3), reply=(D(2025, 3, 20), "1"))
    application(fgw, D(2025, 4, 1), "business", reply=(D(2025, 4, 20), "3.4"))
    application(fgw, D(2025, 5, 6), "legal_service", reply=(D(2025, 5, 20), "4.1"))
    application(fgw, D(2025, 12, 22))  # carried to next year
    application(jyj, D(2025, 6, 3), reply=(D(2025, 6, 10), "2"))
    return cluster


def rows_of(report):
    return {row["label"]: row["values"] for row in report.figures["requests"]["rows"]}


def test_body_report_tables_are_computed_from_the_data(data, client):
    report = add_published_child(
        report_index(data.fgw_columns),
        AnnualReportPage(
            title="河东区发改委2025年政府信息公开工作年度报告", slug="2025", year=2025
        ),
    )
    documents = report.figures["documents"]
    assert documents["normative"] == {"issued": 2, "repealed": 1, "in_force": 2}
    assert documents["rule"] == {"issued": 0, "repealed": 0, "in_force": 0}
    rows = rows_of(report)
    # columns: 自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他, 总计
    assert rows["一、本年新收政府信息公开申请数量"] == [2, 1, 0, 0, 1, 0, 4]
    assert rows["二、上年结转政府信息公开申请数量"][-1] == 1
    assert rows["三、本年度办理结果 （一）予以公开"] == [2, 0, 0, 0, 0, 0, 2]
    assert rows["三、本年度办理结果 （三）不予公开 保护第三方合法权益"][1] == 1
    assert rows["三、本年度办理结果 （四）无法提供 本机关不掌握相关政府信息"][4] == 1
    assert rows["三、本年度办理结果 （七）总计"][-1] == 4
    assert rows["四、结转下年度继续办理"][-1] == 1
    # 勾稽关系: 一 + 二 = 三（七） + 四
    assert rows["三、本年度办理结果 （七）总计"][-1] + rows["四、结转下年度继续办理"][-1] == 4 + 1
    html = client.get(report.url, **FGW).content.decode()
    assert "三、收到和处理政府信息公开申请情况" in html
    assert "保护第三方合法权益" in html


def test_report_downloads_as_xlsx(data, client):
    report = add_published_child(
        report_index(data.fgw_columns),
        AnnualReportPage(title="2025年度报告", slug="2025", year=2025, permits=12),
    )
    response = client.get(report.url + "xlsx/", **FGW)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = {row[0]: row[1:] for row in sheet.iter_rows(values_only=True) if row and row[0]}
    assert rows["一、本年新收政府信息公开申请数量"][:7] == (2, 1, 0, 0, 1, 0, 4)
    assert rows["第二十条第（五）项"][:2] == ("行政许可", 12)


def test_figures_stay_fixed_once_recompute_is_off(data):
    report = add_published_child(
        report_index(data.fgw_columns),
        AnnualReportPage(title="2025年度报告", slug="2025", year=2025, recompute=False),
    )
    before = rows_of(report)["一、本年新收政府信息公开申请数量"][-1]
    application(data.fgw.organisation, D(2025, 8, 1))
    report.save_revision().publish()
    report.refresh_from_db()
    assert rows_of(report)["一、本年新收政府信息公开申请数量"][-1] == before
    report.recompute = True
    report.save_revision().publish()
    report.refresh_from_db()
    assert rows_of(report)["一、本年新收政府信息公开申请数量"][-1] == before + 1


def test_district_report_aggregates_every_body(data):
    report = add_published_child(
        report_index(data.portal_columns),
        AnnualReportPage(title="河东区2025年报", slug="2025", year=2025, scope="district"),
    )
    assert rows_of(report)["一、本年新收政府信息公开申请数量"][-1] == 5
    assert (
        rows_of(report)[
            "三、本年度办理结果 （二）部分公开（区分处理的，只计这一情形，不计其他情形）"
        ][-1]
        == 1
    )
    bodies = {row["name"]: row for row in report.figures["bodies"]}
    assert bodies["河东区发展和改革委员会"]["new_requests"] == 4
    assert bodies["河东区教育局"]["new_requests"] == 1
