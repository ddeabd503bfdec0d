import datetime as dt

import pytest

from content_models.disclosure_requests.models import DisclosureRequest
from content_models.organisations.factories import OrganisationFactory


@pytest.fixture
def organisation(db):
    return OrganisationFactory(name="河东区发展和改革委员会")


def make_request(organisation, **fields):
    values = {
        "organisation": organisation,
        "applicant_type": "natural",
        "applicant_name": "张三",
        "id_number": "110101199003070012",
        "phone": "13800000000",
        "email": "zhang@example.com",
        "description": "申请公开2024年河东区重点项目投资计划全文。",
        "channel": "online",
        "submitted_at": dt.datetime(2025, 3, 3, 9, 0, tzinfo=dt.UTC),
    }
    values.update(fields)
    return DisclosureRequest(**values)
