"""The interaction demo: letters in every state and two consultations; idempotent."""

import pytest

from django.core.management import call_command

from content_models.interaction.models import ConsultationPage, Letter, State

pytestmark = pytest.mark.django_db


def test_demo_has_every_state_and_a_summarised_consultation(cluster):
    call_command("load_demo_interaction", stdout=open("/dev/null", "w"))  # noqa: SIM115
    states = set(Letter.objects.values_list("state", flat=True))
    assert states == set(State.values)
    assert Letter.objects.filter(is_published=True).exists()
    assert any(letter.is_past_hard_limit for letter in Letter.objects.all())
    closed = ConsultationPage.objects.get(slug="yqglbf")
    assert closed.summary_visible and closed.comments.exclude(adoption="").count() == 3
    assert ConsultationPage.objects.get(slug="ljxqgz").is_open
    count = Letter.objects.count()
    call_command("load_demo_interaction", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert Letter.objects.count() == count
