"""依申请公开 (on-request disclosure): applications, the holiday calendar, the public page."""

from .calendar import CalendarDay, DayKind
from .pages import DisclosureRequestFormPage
from .requests import (
    OPEN_STATES,
    ApplicantType,
    Channel,
    DeliveryMethod,
    DisclosureRequest,
    Outcome,
    ReplyFile,
    State,
)

__all__ = [
    "OPEN_STATES",
    "ApplicantType",
    "CalendarDay",
    "Channel",
    "DayKind",
    "DeliveryMethod",
    "DisclosureRequest",
    "DisclosureRequestFormPage",
    "Outcome",
    "ReplyFile",
    "State",
]
