"""发布统计 in the admin: scoping, the chart, CSV and XLSX export."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from django.urls import reverse

from tests.cluster import PORTAL_HOST

pytestmark = pytest.mark.django_db

URL = "/admin/publication-statistics/"


@pytest.fixture
def client(client):
    client.defaults["HTTP_HOST"] = PORTAL_HOST
    return client


def test_office_sees_every_site_with_a_chart_each(client, world):
    client.force_login(world.office)
    html = client.get(URL, {"year": 2025}).content.decode()
    for name in ("河东区人民政府", "河东区发展和改革委员会", "河东区教育局"):
        assert name in html
    assert html.count("年各月发布数量</title>") == 3
    assert "2025 年共发布信息 <strong>7</strong> 条" in html


def test_site_admin_sees_only_own_site(client, world):
    client.force_login(world.fgw_admin)
    response = client.get(URL, {"year": 2025, "site": "jyj"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "河东区发展和改革委员会" in html and "河东区教育局" not in html
    assert "各栏目" in html and "工作动态" in html
    exported = client.get(reverse("publication_statistics_export"), {"year": 2025})
    text = exported.content.decode("utf-8-sig")
    assert "fgw" in text and "jyj" not in text and "hedong" not in text


def test_editor_and_anonymous_are_refused(client, world):
    client.force_login(world.fgw_editor)
    refused = client.get(URL)  # Wagtail turns PermissionDenied into a redirect to the dashboard
    assert refused.status_code == 302 and refused["Location"] == reverse("wagtailadmin_home")
    exported = client.get(reverse("publication_statistics_export"))
    assert exported.status_code == 302 and exported["Location"] == reverse("wagtailadmin_home")
    client.logout()
    anonymous = client.get(URL)  # to the sign-in page
    assert (
        anonymous.status_code == 302
        and "next=/admin/publication-statistics/" in anonymous["Location"]
    )


def test_csv_export(client, world):
    client.force_login(world.office)
    response = client.get(reverse("publication_statistics_export"), {"year": 2025})
    assert response["Content-Disposition"] == 'attachment; filename="publication-2025.csv"'
    lines = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    header = lines[0]
    fgw = next(line for line in lines if line[:1] == ["fgw"])
    assert fgw[header.index("1月")] == "2" and fgw[header.index("全年发布")] == "5"
    assert fgw[header.index("信息发布总数")] == "5"
    assert fgw[header.index("信息公开目录信息")] == "1"
    column_header = next(line for line in lines if line[:3] == ["站点代码", "站点名称", "栏目"])
    gzdt = next(line for line in lines if line[:3] == ["fgw", "河东区发展和改革委员会", "工作动态"])
    assert gzdt[column_header.index("全年发布")] == "3"


def test_xlsx_export(client, world):
    client.force_login(world.office)
    response = client.get(
        reverse("publication_statistics_export"), {"year": 2025, "format": "xlsx"}
    )
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["各站点", "各栏目"]
    rows = list(book["各站点"].iter_rows(values_only=True))
    header, fgw = rows[0], next(r for r in rows if r[0] == "fgw")
    assert fgw[header.index("全年发布")] == 5
    assert fgw[header.index("送审至发布中位数（小时）")] == 4.0
