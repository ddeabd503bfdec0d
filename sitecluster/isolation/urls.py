"""Admin views replaced by scoped versions; included before Wagtail's admin URLs.

Each pattern has Wagtail's path and name, so ``reverse()`` is unchanged and the request
resolves here first.
"""

from django.urls import path

from .views import media, page_actions, pages, reports, snippets, tags, workflows

urlpatterns = [
    path(
        "pages/<int:parent_page_id>/",
        pages.guarded_explorer("index"),
        name="wagtailadmin_explore",
    ),
    path(
        "pages/<int:parent_page_id>/results/",
        pages.guarded_explorer("index_results"),
        name="wagtailadmin_explore_results",
    ),
    path("choose-page/", pages.ScopedBrowseView.as_view(), name="wagtailadmin_choose_page"),
    path(
        "choose-page/<int:parent_page_id>/",
        pages.ScopedBrowseView.as_view(),
        name="wagtailadmin_choose_page_child",
    ),
    path(
        "choose-page/chosen-multiple/",
        pages.ScopedChosenMultipleView.as_view(),
        name="wagtailadmin_choose_page_chosen_multiple",
    ),
    path(
        "pages/<int:page_to_move_id>/move/<int:destination_id>/confirm/",
        page_actions.ScopedMoveConfirmView.as_view(),
        name="isolation_move_confirm",
    ),
    path(
        "pages/workflow/confirm_cancellation/<int:page_id>/",
        page_actions.ScopedConfirmWorkflowCancellationView.as_view(),
        name="isolation_confirm_workflow_cancellation",
    ),
    path(
        "pages/create/<slug:app_label>/<slug:model_name>",
        page_actions.ScopedChooseParentView.as_view(),
        name="isolation_choose_parent",
    ),
    path("images/", media.ScopedImagesIndexView.as_view(), name="isolation_images"),
    path(
        "images/results/",
        media.ScopedImagesIndexView.as_view(results_only=True),
        name="isolation_images_results",
    ),
    path("images/chooser/", media.image_chooser.choose_view, name="isolation_image_chooser"),
    path("documents/", media.ScopedDocumentsIndexView.as_view(), name="isolation_documents"),
    path(
        "documents/results/",
        media.ScopedDocumentsIndexView.as_view(results_only=True),
        name="isolation_documents_results",
    ),
    path("workflows/task_chooser/", workflows.task_chooser, name="isolation_task_chooser"),
    path(
        "workflows/task_chooser/results/",
        workflows.task_chooser_results,
        name="isolation_task_chooser_results",
    ),
    path(
        "workflows/task_chooser/create/",
        workflows.task_chooser_create,
        name="isolation_task_chooser_create",
    ),
    path(
        "workflows/task_chooser/<int:task_id>/",
        workflows.task_chosen,
        name="isolation_task_chosen",
    ),
    *snippets.policy_checked_choosers(),
    path("tag-autocomplete/", tags.autocomplete, name="wagtailadmin_tag_autocomplete"),
    path(
        "tag-autocomplete/<slug:app_name>/<slug:model_name>/",
        tags.autocomplete,
        name="wagtailadmin_tag_model_autocomplete",
    ),
]


# Scoped reports: each a listing and its results fragment, at the paths the report menu links to.
_REPORTS = [
    ("locked", reports.ScopedLockedPagesView, "isolation_locked"),
    ("workflow", reports.ScopedWorkflowView, "isolation_workflow"),
    ("workflow_tasks", reports.ScopedWorkflowTasksView, "isolation_workflow_tasks"),
    ("aging-pages", reports.ScopedAgingPagesView, "isolation_aging"),
    ("site-history", reports.ScopedLogEntriesView, "isolation_site_history"),
    ("page-types-usage", reports.ScopedPageTypesUsageView, "isolation_page_types_usage"),
]
for _slug, _view, _name in _REPORTS:
    urlpatterns += [
        path(f"reports/{_slug}/", _view.as_view(), name=_name),
        path(
            f"reports/{_slug}/results/",
            _view.as_view(results_only=True),
            name=f"{_name}_results",
        ),
    ]
