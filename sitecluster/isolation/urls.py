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
    path("reports/locked/", reports.ScopedLockedPagesView.as_view(), name="isolation_locked"),
    path(
        "reports/locked/results/",
        reports.ScopedLockedPagesView.as_view(results_only=True),
        name="isolation_locked_results",
    ),
    path("reports/workflow/", reports.ScopedWorkflowView.as_view(), name="isolation_workflow"),
    path(
        "reports/workflow/results/",
        reports.ScopedWorkflowView.as_view(results_only=True),
        name="isolation_workflow_results",
    ),
    path(
        "reports/workflow_tasks/",
        reports.ScopedWorkflowTasksView.as_view(),
        name="isolation_workflow_tasks",
    ),
    path(
        "reports/workflow_tasks/results/",
        reports.ScopedWorkflowTasksView.as_view(results_only=True),
        name="isolation_workflow_tasks_results",
    ),
    path("reports/aging-pages/", reports.ScopedAgingPagesView.as_view(), name="isolation_aging"),
    path(
        "reports/aging-pages/results/",
        reports.ScopedAgingPagesView.as_view(results_only=True),
        name="isolation_aging_results",
    ),
    path(
        "reports/site-history/",
        reports.ScopedLogEntriesView.as_view(),
        name="isolation_site_history",
    ),
    path(
        "reports/site-history/results/",
        reports.ScopedLogEntriesView.as_view(results_only=True),
        name="isolation_site_history_results",
    ),
    path(
        "reports/page-types-usage/",
        reports.ScopedPageTypesUsageView.as_view(),
        name="isolation_page_types_usage",
    ),
    path(
        "reports/page-types-usage/results/",
        reports.ScopedPageTypesUsageView.as_view(results_only=True),
        name="isolation_page_types_usage_results",
    ),
]
