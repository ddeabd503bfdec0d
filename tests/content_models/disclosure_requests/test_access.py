"""Access: an applicant sees only their own application; a body's staff only their body's."""

import datetime as dt

import pytest

from django.contrib.auth.models import Group, Permission, User
from django.core.files.uploadedfile import SimpleUploadedFile

from content_models.disclosure_requests import workflow
from content_models.disclosure_requests.models import DisclosureRequest, DisclosureRequestFormPage
from sitecluster.tenancy.models import SiteGroup
from tests.cluster import build_two_site_cluster

from .conftest import make_request

pytestmark = pytest.mark.django_db
FGW = {"HTTP_HOST": "fgw.test"}
PORTAL = {"HTTP_HOST": "hedong.test"}
VALID = {
    "applicant_type": "natural",
    "applicant_name": "王五",
    "id_type": "居民身份证",
    "id_number": "11010519491231002X",
    "phone": "13912345678",
    "email": "wangwu@example.com",
    "description": "申请公开2025年河东区价格监测报告全文。",
    "delivery_method": "email",
    "agree": "on",
}


@pytest.fixture
def cluster():
    return build_two_site_cluster(articles_per_column=0)


def form_page(columns):
    page = columns["zfxxgk/ysqgk"].specific  # from the blueprint
    assert isinstance(page, DisclosureRequestFormPage)
    return page


@pytest.fixture
def fgw_form(cluster):
    return form_page(cluster.fgw_columns)


@pytest.fixture
def portal_form(cluster):
    return form_page(cluster.portal_columns)


def staff_of(site, username):
    site_group = SiteGroup.objects.filter(cluster_site=site, role="admin").first()
    if site_group is None:
        group = Group.objects.create(name=f"{site.code}-admins")
        site_group = SiteGroup.objects.create(cluster_site=site, role="admin", group=group)
    site_group.group.permissions.add(Permission.objects.get(codename="access_admin"))
    user = User.objects.create_user(username, password="x")
    user.groups.add(site_group.group)
    return user


def test_member_site_form_files_the_application_with_its_own_body(client, fgw_form, cluster):
    response = client.post(fgw_form.url + "", VALID, **FGW)
    assert response.status_code == 200
    application = DisclosureRequest.objects.get()
    assert application.organisation == cluster.fgw.organisation
    assert application.state == "submitted" and application.channel == "online"
    assert application.tracking_code in response.content.decode()


def test_portal_form_lets_the_applicant_choose_the_body(client, portal_form, cluster):
    response = client.get(portal_form.url, **PORTAL)
    assert "请选择受理机关" in response.content.decode()
    client.post(portal_form.url, {**VALID, "organisation": cluster.jyj.organisation.pk}, **PORTAL)
    assert DisclosureRequest.objects.get().organisation == cluster.jyj.organisation


def test_the_form_validates_in_chinese(client, fgw_form):
    data = {**VALID, "id_number": "110105194912310021", "email": "", "description": "要信息"}
    response = client.post(fgw_form.url, data, **FGW)
    html = response.content.decode()
    assert "居民身份证号码校验位不正确" in html
    assert "选择电子邮件获取时，请填写电子邮箱" in html
    assert "不少于 10 个字" in html
    data = {**VALID, "applicant_type": "business", "legal_representative": ""}
    assert "请填写法定代表人或负责人" in client.post(fgw_form.url, data, **FGW).content.decode()
    assert not DisclosureRequest.objects.exists()


def test_status_needs_the_code_and_the_applicants_own_contact(client, fgw_form, cluster):
    mine = workflow.submit(make_request(cluster.fgw.organisation, phone="13912345678"))
    other = workflow.submit(make_request(cluster.fgw.organisation, phone="13700000000", email=""))
    status_url = fgw_form.url + "status/"
    response = client.post(
        status_url, {"code": mine.tracking_code, "contact": "13912345678"}, **FGW
    )
    assert "待登记" in response.content.decode()
    assert response.context["application"] == mine
    response = client.post(
        status_url, {"code": other.tracking_code, "contact": "13912345678"}, **FGW
    )
    assert response.context["application"] is None
    assert "查询码或联系方式不正确" in response.content.decode()
    by_email = client.post(
        status_url, {"code": mine.tracking_code.lower(), "contact": "ZHANG@example.com"}, **FGW
    )
    assert by_email.context["application"] == mine


def test_reply_files_reach_only_the_applicant(client, fgw_form, cluster):
    application = workflow.submit(make_request(cluster.fgw.organisation))
    workflow.register(application, received_on=dt.date(2025, 3, 3))
    workflow.reply(
        application,
        outcome="1",
        text="予以公开。",
        on=dt.date(2025, 3, 10),
        files=[SimpleUploadedFile("价格监测报告.pdf", b"%PDF-1.4 x")],
    )
    file_url = fgw_form.url + f"files/{application.reply_files.get().pk}/"
    assert client.get(file_url, **FGW).status_code == 404
    client.post(
        fgw_form.url + "status/",
        {"code": application.tracking_code, "contact": application.phone},
        **FGW,
    )
    response = client.get(file_url, **FGW)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 x"


def test_staff_see_and_handle_only_their_bodys_applications(client, cluster):
    fgw_request = workflow.submit(
        make_request(cluster.fgw.organisation, applicant_name="发改申请人")
    )
    jyj_request = workflow.submit(
        make_request(cluster.jyj.organisation, applicant_name="教育申请人")
    )
    client.force_login(staff_of(cluster.fgw, "fgw-staff"))
    listing = client.get("/admin/disclosure-requests/", **PORTAL)
    assert listing.status_code == 200
    html = listing.content.decode()
    assert "发改申请人" in html and "教育申请人" not in html
    assert (
        client.get(f"/admin/disclosure-requests/process/{fgw_request.pk}/", **PORTAL).status_code
        == 200
    )
    assert (
        client.get(f"/admin/disclosure-requests/process/{jyj_request.pk}/", **PORTAL).status_code
        == 404
    )
    assert (
        client.get(f"/admin/disclosure-requests/edit/{jyj_request.pk}/", **PORTAL).status_code
        == 404
    )
    response = client.post(
        f"/admin/disclosure-requests/process/{jyj_request.pk}/",
        {"action": "register", "on": "2025-03-03"},
        **PORTAL,
    )
    assert response.status_code == 404
    jyj_request.refresh_from_db()
    assert jyj_request.state == "submitted"
    assert client.get("/admin/holiday-calendar/", **PORTAL).status_code in (302, 403)


def test_staff_handle_an_application_through_the_admin(client, cluster):
    application = workflow.submit(make_request(cluster.fgw.organisation))
    client.force_login(staff_of(cluster.fgw, "fgw-staff"))
    url = f"/admin/disclosure-requests/process/{application.pk}/"
    client.post(url, {"action": "register", "on": "2025-03-03"}, **PORTAL)
    response = client.post(url, {"action": "request_correction", "on": "2025-03-20"}, **PORTAL)
    assert "请写明需要补正的事项" in response.content.decode()
    application.refresh_from_db()
    assert application.state == "processing" and application.due_date == dt.date(2025, 3, 31)
    client.post(
        url,
        {"action": "reply", "on": "2025-03-10", "outcome": "3.4", "text": "涉及第三方。"},
        **PORTAL,
    )
    application.refresh_from_db()
    assert application.state == "replied" and application.outcome == "3.4"
    history = client.get(url, **PORTAL).content.decode()
    assert "登记受理" in history and "答复" in history and "fgw-staff" in history


def test_office_sees_every_body_and_the_dashboard_lists_due_applications(client, cluster):
    office = User.objects.create_superuser("office", password="x")
    today = dt.date.today()
    due_soon = workflow.submit(make_request(cluster.jyj.organisation, applicant_name="快到期"))
    due_soon.state, due_soon.clock_start, due_soon.received_on = "processing", today, today
    due_soon.save()
    due_soon.due_date = workflow.add_working_days(today, 2)
    DisclosureRequest.objects.filter(pk=due_soon.pk).update(due_date=due_soon.due_date)
    late = workflow.submit(make_request(cluster.fgw.organisation, applicant_name="已超期"))
    DisclosureRequest.objects.filter(pk=late.pk).update(
        state="processing", due_date=today - dt.timedelta(days=3)
    )
    client.force_login(office)
    html = client.get("/admin/", **PORTAL).content.decode()
    assert "依申请公开：即将到期与已超期" in html
    assert "快到期" in html and "已超期" in html
    client.force_login(staff_of(cluster.fgw, "fgw-staff"))
    html = client.get("/admin/", **PORTAL).content.decode()
    assert "已超期" in html and "快到期" not in html
