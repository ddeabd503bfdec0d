"""Every transition of an application, with the statutory clock."""

import datetime as dt

import pytest

from django.core.files.uploadedfile import SimpleUploadedFile

from wagtail.models import ModelLogEntry

from content_models.disclosure_requests import workflow
from content_models.disclosure_requests.workflow import WorkflowError

from .conftest import make_request

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def registered(organisation):
    request = workflow.submit(make_request(organisation))
    return workflow.register(request, received_on=D(2025, 3, 3))


def actions(request):
    return list(
        ModelLogEntry.objects.filter(object_id=str(request.pk))
        .order_by("pk")
        .values_list("action", flat=True)
    )


def test_online_application_waits_for_registration(organisation):
    request = workflow.submit(make_request(organisation))
    assert request.state == "submitted" and request.due_date is None
    assert request.tracking_code.startswith("YSQ")
    workflow.register(request, received_on=D(2025, 9, 26))
    assert request.state == "processing"
    assert request.due_date == D(2025, 10, 30)  # 20 working days over 国庆
    assert actions(request) == ["disclosure_requests.submit", "disclosure_requests.register"]


def test_in_person_application_is_received_at_once(organisation):
    request = workflow.submit(
        make_request(organisation, channel="in_person", received_on=D(2025, 3, 3))
    )
    assert request.state == "processing"
    assert request.due_date == D(2025, 3, 31)


def test_correction_stops_the_clock_and_restarts_it(registered):
    workflow.request_correction(registered, on=D(2025, 3, 5), note="请补充所需信息的文号。")
    assert registered.state == "correcting"
    assert registered.due_date is None
    assert registered.correction_due == D(2025, 3, 26)
    workflow.receive_correction(registered, on=D(2025, 3, 20))
    assert registered.state == "processing"
    assert registered.clock_start == D(2025, 3, 20)
    assert registered.due_date == D(2025, 4, 18)  # 20 working days from 3/20, over 清明
    with pytest.raises(WorkflowError, match="一次性告知"):
        workflow.request_correction(registered, on=D(2025, 3, 21), note="再次补正")


def test_correction_only_within_seven_working_days(registered):
    with pytest.raises(WorkflowError, match="7 个工作日"):
        workflow.request_correction(registered, on=D(2025, 3, 13), note="补充")
    workflow.request_correction(registered, on=D(2025, 3, 12), note="补充")
    assert registered.state == "correcting"


def test_no_correction_by_the_deadline_lapses_the_application(registered):
    workflow.request_correction(registered, on=D(2025, 3, 5), note="补充", period=10)
    with pytest.raises(WorkflowError, match="尚未届满"):
        workflow.lapse_correction(registered, on=registered.correction_due)
    workflow.lapse_correction(registered, on=D(2025, 3, 25))
    assert registered.state == "withdrawn" and registered.outcome == "6.1"
    assert registered.due_date is None


def test_consultation_pauses_the_clock(registered):
    assert registered.due_date == D(2025, 3, 31)
    workflow.start_consultation(registered, on=D(2025, 3, 10), party="某科技有限公司（第三方）")
    assert registered.state == "consulting"
    assert registered.due_date == D(2025, 4, 22)  # latest possible: 15 more working days
    workflow.end_consultation(registered, on=D(2025, 3, 17))
    assert registered.paused_days == 5
    assert registered.due_date == D(2025, 4, 8)  # 25 working days from 3/3, over 清明


def test_consultation_pauses_at_most_fifteen_working_days(registered):
    workflow.start_consultation(registered, on=D(2025, 3, 4), party="第三方")
    workflow.end_consultation(registered, on=D(2025, 4, 30))
    assert registered.paused_days == 15


def test_one_extension_of_at_most_twenty_working_days(registered):
    with pytest.raises(WorkflowError, match="1 至 20"):
        workflow.extend(
            registered, days=21, reason="信息量大", approved_by="李主任", on=D(2025, 3, 5)
        )
    with pytest.raises(WorkflowError, match="负责人同意"):
        workflow.extend(registered, days=10, reason="信息量大", approved_by="", on=D(2025, 3, 5))
    workflow.extend(registered, days=20, reason="信息量大", approved_by="李主任", on=D(2025, 3, 5))
    assert registered.due_date == D(2025, 4, 28)  # 4/27 is a Sunday worked (调休)
    with pytest.raises(WorkflowError, match="只能延长一次"):
        workflow.extend(registered, days=5, reason="再延", approved_by="李主任", on=D(2025, 3, 6))


def test_no_extension_after_the_deadline(registered):
    with pytest.raises(WorkflowError, match="已过"):
        workflow.extend(registered, days=5, reason="晚了", approved_by="李主任", on=D(2025, 4, 1))


def test_reply_with_files_and_a_coded_outcome(registered):
    upload = SimpleUploadedFile("答复书.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    workflow.reply(
        registered,
        outcome="2",
        text="经审查，部分公开，详见答复书。",
        on=D(2025, 3, 20),
        files=[upload],
    )
    assert registered.state == "replied" and registered.outcome == "2"
    assert registered.reply_files.get().title == "答复书.pdf"
    assert registered.due_date is None
    assert actions(registered)[-1] == "disclosure_requests.reply"
    with pytest.raises(WorkflowError, match="不能答复"):
        workflow.reply(registered, outcome="1", text="再答复", on=D(2025, 3, 21))


def test_transitions_are_refused_in_the_wrong_state(registered, organisation):
    with pytest.raises(WorkflowError, match="不能登记补正"):
        workflow.receive_correction(registered, on=D(2025, 3, 5))
    with pytest.raises(WorkflowError, match="不能结束征求意见"):
        workflow.end_consultation(registered, on=D(2025, 3, 5))
    workflow.request_correction(registered, on=D(2025, 3, 5), note="补充")
    with pytest.raises(WorkflowError, match="不能答复"):
        workflow.reply(registered, outcome="1", text="答复", on=D(2025, 3, 6))
    with pytest.raises(WorkflowError, match="请选择办理结果"):
        workflow.reply(workflow.submit(make_request(organisation)), outcome="9", text="x")


def test_withdrawal(registered):
    workflow.withdraw(registered, on=D(2025, 3, 4), reason="申请人撤回")
    assert registered.state == "withdrawn" and registered.outcome == "6.3"
    with pytest.raises(WorkflowError):
        workflow.withdraw(registered, on=D(2025, 3, 5))


def test_dashboard_lists_due_soon_and_overdue(organisation):
    def registered_on(day):
        request = workflow.submit(make_request(organisation))
        return workflow.register(request, received_on=day)

    overdue = registered_on(D(2025, 3, 3))  # due 3/31
    soon = registered_on(D(2025, 3, 28))  # due 4/28
    later = registered_on(D(2025, 4, 10))  # due 5/13 or later
    due_soon, late = workflow.due_soon_and_overdue(
        type(overdue).objects.all(), today=D(2025, 4, 22)
    )
    assert late == [overdue]
    assert due_soon == [soon]
    assert later not in due_soon
