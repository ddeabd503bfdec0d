"""A blueprint with several review steps (三审): each step by its own groups, published only
after the last; a plain step needs no checklist, the 保密审核 step does."""

from __future__ import annotations

import pytest

from wagtail.models import GroupApprovalTask, Page, PageLogEntry

from content_models.articles.factories import ArticlePageFactory
from content_models.organisations.factories import OrganisationFactory
from content_models.review.models import ChecklistIncomplete, ConfidentialityReviewTask
from sitecluster.provisioning import provision_site, site_columns
from sitecluster.provisioning.blueprints import (
    BlueprintError,
    builtin_blueprint_text,
    parse_blueprint,
)
from sitecluster.tenancy.models import SiteGroup, SiteRole
from tests.sitecluster.isolation.world import make_user

pytestmark = pytest.mark.django_db

THREE_STEPS = """
[workflow]
name = "{name}三审"

  [[workflow.tasks]]
  name = "初审"
  roles = ["editor"]
  confidentiality = false

  [[workflow.tasks]]
  name = "复审"
  roles = ["reviewer"]
  confidentiality = false

  [[workflow.tasks]]
  name = "终审（含保密审核）"
  roles = ["admin"]
"""


def three_step_blueprint():
    text = builtin_blueprint_text("department").split("[workflow]")[0] + THREE_STEPS
    return parse_blueprint(text, "department-3")


def test_blueprint_rejects_a_non_boolean_confidentiality():
    text = THREE_STEPS.replace("confidentiality = false", 'confidentiality = "no"', 1)
    with pytest.raises(BlueprintError) as caught:
        parse_blueprint(builtin_blueprint_text("department").split("[workflow]")[0] + text, "x")
    assert "true 或 false" in caught.value.chinese


def test_three_step_review_publishes_after_the_last_step(world):
    site = provision_site(
        blueprint=three_step_blueprint(),
        code="sjj",
        name="河东区审计局",
        organisation=OrganisationFactory(name="河东区审计局"),
    )
    tasks = [task.specific for task in site.workflow.tasks.order_by("workflow_tasks__sort_order")]
    assert [task.name for task in tasks] == ["初审", "复审", "终审（含保密审核）"]
    assert [type(task) for task in tasks] == [
        GroupApprovalTask,
        GroupApprovalTask,
        ConfidentialityReviewTask,
    ]
    people = {
        role: make_user(f"sjj-{role}", [SiteGroup.objects.get(cluster_site=site, role=role).group])
        for role in SiteRole.values
    }
    column = site_columns(site)["gzdt"]
    page = ArticlePageFactory(parent=column, title="审计整改情况通报", live=False)
    page.save_revision(user=people["editor"])
    site.workflow.start(page, people["editor"])

    for step, role, outsider in ((0, "editor", "reviewer"), (1, "reviewer", "editor")):
        state = Page.objects.get(pk=page.pk).current_workflow_task_state
        assert state.task.specific == tasks[step]
        assert not tasks[step].get_actions(page, people[outsider])
        state.task.specific.on_action(state, people[role], "approve", comment="")
        assert not Page.objects.get(pk=page.pk).live

    state = Page.objects.get(pk=page.pk).current_workflow_task_state
    final = state.task.specific
    with pytest.raises(ChecklistIncomplete):
        final.on_action(state, people["admin"], "approve")
    final.on_action(
        state,
        people["admin"],
        "approve",
        no_state_secrets=True,
        no_personal_data=True,
        fit_to_publish=True,
    )
    page = Page.objects.get(pk=page.pk)
    assert page.live
    approvals = PageLogEntry.objects.filter(page=page, action="wagtail.workflow.approve")
    assert approvals.count() == 3
    assert [bool(entry.data.get("checklist")) for entry in approvals.order_by("pk")] == [
        False,
        False,
        True,
    ]
