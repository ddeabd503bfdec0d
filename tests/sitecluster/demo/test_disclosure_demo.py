"""The disclosure demo on a small slice: documents, links, every application state, reports."""

import io
from pathlib import Path

import pytest

from django.core.management import call_command

from content_models.disclosure.models import DisclosureDocumentPage
from content_models.disclosure_reports.models import AnnualReportPage
from content_models.disclosure_requests.models import DisclosureRequest, State
from sitecluster.demo.content import read_policies
from tests.cluster import build_two_site_cluster

SLICE = Path(__file__).resolve().parents[2] / "fixtures" / "demo"
pytestmark = pytest.mark.django_db


def test_demo_loads_every_state_and_is_idempotent():
    build_two_site_cluster(articles_per_column=0)
    out = io.StringIO()
    args = [
        "load_demo_disclosure",
        "--data-dir",
        str(SLICE),
        "--documents",
        "40",
        "--per-state",
        "2",
    ]
    call_command(*args, stdout=out)
    documents = DisclosureDocumentPage.objects.all()
    expected = len(read_policies(SLICE, 40))
    assert documents.filter(info_category="policy").count() == expected
    assert documents.filter(info_category="interpretation").exists()
    assert documents.exclude(validity="effective").exclude(replaced_by=None).exists()
    assert documents.filter(interpreted_by_links__isnull=False).exists()
    assert documents.filter(index_number__isnull=True).count() == 0
    assert documents.values("organisation").distinct().count() == 3
    states = set(DisclosureRequest.objects.values_list("state", flat=True))
    assert states == set(State.values)
    assert all(DisclosureRequest.objects.filter(state=s).count() == 2 for s in State.values)
    assert AnnualReportPage.objects.filter(scope="district").count() == 1
    counts = (
        documents.count(),
        DisclosureRequest.objects.count(),
        AnnualReportPage.objects.count(),
    )
    call_command(*args, stdout=io.StringIO())
    assert counts == (
        DisclosureDocumentPage.objects.count(),
        DisclosureRequest.objects.count(),
        AnnualReportPage.objects.count(),
    )
    assert "依申请公开" in out.getvalue()
