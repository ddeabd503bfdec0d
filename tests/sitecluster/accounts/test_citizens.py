"""Citizens: registration, submissions linked to the account, 我的办件 only theirs, claims."""

from __future__ import annotations

import pytest

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import transaction
from django.test import Client

from content_models.disclosure_requests.models import DisclosureRequest
from content_models.interaction import captcha
from content_models.interaction.models import Letter
from sitecluster.accounts import audit
from sitecluster.accounts.models import CitizenProfile
from tests.cluster import FGW_HOST, build_two_site_cluster
from tests.content_models.interaction.conftest import write_letter

from .support import entries, logged_in_user_id

pytestmark = pytest.mark.django_db
GOOD_PASSWORD = "Qx7!River-Lamp9"
APPLICATION = {
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


@pytest.fixture(scope="module")
def cluster(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        built = build_two_site_cluster(articles_per_column=0)
        try:
            yield built
        finally:
            transaction.set_rollback(True)


def citizen_client() -> Client:
    return Client(HTTP_HOST=FGW_HOST)


def captcha_fields(client) -> dict:
    response = client.get("/accounts/register/")
    token = response.context["challenge"].token
    key = captcha.challenge_key(captcha._nonce(token))
    entry = cache.get(key)
    entry["issued"] -= 5
    cache.set(key, entry, 600)
    return {"captcha_token": token, "captcha_answer": entry["sum"]}


def register(client, username, password=GOOD_PASSWORD, *, expect_ok=True, **extra):
    data = {
        "username": username,
        "mobile": "13800001111",
        "email": "",
        "password1": password,
        "password2": password,
        **captcha_fields(client),
        **extra,
    }
    response = client.post("/accounts/register/", data)
    assert (response.status_code == 302) == expect_ok, response.content.decode()[-2000:]
    return response


def test_registration_applies_the_password_policy_and_keeps_what_was_typed(cluster):
    client = citizen_client()
    response = register(client, "liming", "liming123", expect_ok=False)
    html = response.content.decode()
    assert response.status_code == 400
    assert "密码太短，至少需要 12 个字符。" in html
    assert "密码须至少包含大写字母、小写字母、数字和符号中的 3 类。" in html
    assert 'value="liming"' in html and logged_in_user_id(client) is None
    response = register(client, "liming", mobile="", email="", expect_ok=False)
    assert "手机号码和电子邮箱至少填写一项" in response.content.decode()
    response = register(client, "liming", captcha_answer="wrong", expect_ok=False)
    assert "验证码不正确" in response.content.decode()
    assert not get_user_model().objects.filter(username="liming").exists()


def test_a_registered_citizen_is_logged_in_and_has_no_admin_access(cluster):
    client = citizen_client()
    response = register(client, "zhaoliu")
    assert response.status_code == 302 and response["Location"] == "/accounts/cases/"
    user = get_user_model().objects.get(username="zhaoliu")
    assert CitizenProfile.objects.get(user=user).mobile == "13800001111"
    assert not user.is_staff and not user.groups.exists()
    assert logged_in_user_id(client) == str(user.pk)
    assert entries(audit.REGISTERED, object_id=str(user.pk)).exists()
    assert client.get("/admin/").status_code == 302
    assert "我的办件" in client.get("/accounts/cases/").content.decode()


def test_submissions_while_logged_in_are_linked_and_shown_only_to_their_owner(cluster):
    alice, bob = citizen_client(), citizen_client()
    register(alice, "alice-citizen")
    register(bob, "bob-citizen", mobile="13800002222")
    mailbox = cluster.fgw_columns["hdjl/ldyx"]
    assert write_letter(alice, mailbox, subject="爱丽丝的来信").status_code == 200
    form_page = cluster.fgw_columns["zfxxgk/ysqgk"].specific
    assert alice.post(form_page.url, APPLICATION).status_code == 200
    write_letter(Client(), mailbox, subject="匿名来信")  # not logged in: no owner

    owner = get_user_model().objects.get(username="alice-citizen")
    letter = Letter.objects.get(subject="爱丽丝的来信")
    application = DisclosureRequest.objects.get(applicant_name="王五")
    assert letter.owner == owner and application.owner == owner
    assert Letter.objects.get(subject="匿名来信").owner is None

    mine = alice.get("/accounts/cases/").content.decode()
    assert letter.tracking_code in mine and application.tracking_code in mine
    assert "待受理" in mine and letter.due_on.strftime("%Y-%m-%d") in mine
    assert "待登记" in mine and "匿名来信" not in mine
    theirs = bob.get("/accounts/cases/").content.decode()
    assert letter.tracking_code not in theirs and application.tracking_code not in theirs
    assert "暂无来信" in theirs


def test_an_earlier_submission_is_claimed_with_its_code_and_contact(cluster):
    mailbox = cluster.fgw_columns["hdjl/ldyx"]
    write_letter(Client(), mailbox, subject="以前的来信", phone="13955556666")
    letter = Letter.objects.get(subject="以前的来信")
    carol, dave = citizen_client(), citizen_client()
    register(carol, "carol-citizen")
    register(dave, "dave-citizen")

    wrong = dave.post("/accounts/cases/", {"code": letter.tracking_code, "contact": "139"})
    assert wrong.status_code == 400 and "查询码或联系方式不正确" in wrong.content.decode()
    done = carol.post(
        "/accounts/cases/", {"code": letter.tracking_code.lower(), "contact": "139 5555 6666"}
    )
    assert "已认领" in done.content.decode() and letter.tracking_code in done.content.decode()
    letter.refresh_from_db()
    assert letter.owner.username == "carol-citizen"
    # Someone else's letter cannot be taken over, even with the right contact.
    again = dave.post("/accounts/cases/", {"code": letter.tracking_code, "contact": "13955556666"})
    assert again.status_code == 400
    letter.refresh_from_db()
    assert letter.owner.username == "carol-citizen"


def test_my_cases_needs_a_login(cluster):
    response = citizen_client().get("/accounts/cases/")
    assert response.status_code == 302 and "next=/accounts/cases/" in response["Location"]
