"""Every admin URL pattern, classified. A pattern missing from CLASSIFIED fails the matrix test.

deny:   a user without the information office role gets no 200 (403/404/redirect) when it names
        another site's object, and no other site's titles/usernames in the response.
scoped: the view may answer 200 but shows only the user's own sites.
public: not tied to any site (login, static catalogues, link forms); never requested here.
"""

from __future__ import annotations

import re

from django.urls import URLPattern, URLResolver, get_resolver

DENY, SCOPED, PUBLIC = "deny", "scoped", "public"

_SCOPED = """
wagtailadmin_home wagtailadmin_explore_root wagtailadmin_explore wagtailadmin_explore_results
wagtailadmin_api:pages:listing wagtailadmin_api:pages:find wagtailadmin_api:documents:listing
wagtailadmin_api:documents:find wagtailadmin_api:images:listing wagtailadmin_api:images:find
wagtailadmin_pages:search wagtailadmin_pages:search_results wagtailadmin_pages:type_use
wagtailadmin_pages:type_use_results wagtailadmin_pages:choose_parent
wagtailadmin_choose_page wagtailadmin_choose_page_search wagtailadmin_choose_page_chosen_multiple
wagtailadmin_tag_autocomplete wagtailadmin_tag_model_autocomplete
wagtailadmin_reports:locked_pages wagtailadmin_reports:locked_pages_results
wagtailadmin_reports:workflow wagtailadmin_reports:workflow_results
wagtailadmin_reports:workflow_tasks wagtailadmin_reports:workflow_tasks_results
wagtailadmin_reports:site_history wagtailadmin_reports:site_history_results
wagtailadmin_reports:aging_pages wagtailadmin_reports:aging_pages_results
wagtailadmin_reports:page_types_usage wagtailadmin_reports:page_types_usage_results
isolation_locked isolation_locked_results isolation_workflow isolation_workflow_results
isolation_workflow_tasks isolation_workflow_tasks_results isolation_aging isolation_aging_results
isolation_site_history isolation_site_history_results isolation_page_types_usage
isolation_page_types_usage_results
wagtailsnippets:index wagtaildocs:index wagtaildocs:index_results wagtaildocs:add
wagtaildocs:add_multiple wagtailimages:index wagtailimages:index_results wagtailimages:add
wagtailimages:add_multiple wagtailusers_users:index wagtailusers_users:index_results
wagtailusers_users:add wagtaildocs_chooser:choose wagtaildocs_chooser:choose_results
wagtaildocs_chooser:chosen_multiple wagtaildocs_chooser:create wagtailimages_chooser:choose
wagtailimages_chooser:choose_results wagtailimages_chooser:chosen_multiple
wagtailimages_chooser:create wagtailadmin_account wagtailadmin_dismissibles
wagtailadmin_block_preview wagtailembeds:chooser wagtailembeds:chooser_upload
wagtailsnippetchoosers_organisations_organisation:choose
wagtailsnippetchoosers_organisations_organisation:choose_results
wagtailsnippetchoosers_organisations_organisation:chosen_multiple
wagtailsnippets_organisations_organisation:list
wagtailsnippets_organisations_organisation:list_results
isolation_images isolation_images_results isolation_documents isolation_documents_results
isolation_image_chooser isolation_choose_parent
wagtailsnippets_links_friendlylink:list wagtailsnippets_links_friendlylink:list_results
wagtailsnippets_links_friendlylink:add wagtailsnippetchoosers_links_friendlylink:choose
wagtailsnippetchoosers_links_friendlylink:choose_results
wagtailsnippetchoosers_links_friendlylink:chosen_multiple
wagtailsnippetchoosers_organisations_organisation:chosen
accounts_security_audit
"""

_DENY = """
wagtailadmin_api:pages:detail wagtailadmin_api:pages:action wagtailadmin_api:documents:detail
wagtailadmin_api:images:detail wagtail_bulk_action
wagtailadmin_pages:add wagtailadmin_pages:preview_on_add wagtailadmin_pages:usage
wagtailadmin_pages:edit wagtailadmin_pages:preview_on_edit wagtailadmin_pages:view_draft
wagtailadmin_pages:add_subpage wagtailadmin_pages:delete wagtailadmin_pages:unpublish
wagtailadmin_pages:convert_alias wagtailadmin_pages:move wagtailadmin_pages:move_confirm
wagtailadmin_pages:set_page_position wagtailadmin_pages:copy wagtailadmin_pages:workflow_action
wagtailadmin_pages:collect_workflow_action_data wagtailadmin_pages:confirm_workflow_cancellation
wagtailadmin_pages:workflow_preview wagtailadmin_pages:set_privacy wagtailadmin_pages:lock
wagtailadmin_pages:unlock wagtailadmin_pages:revisions_index wagtailadmin_pages:revisions_view
wagtailadmin_pages:revisions_revert wagtailadmin_pages:revisions_unschedule
wagtailadmin_pages:revisions_compare wagtailadmin_pages:workflow_history
wagtailadmin_pages:workflow_history_detail wagtailadmin_pages:history
wagtailadmin_pages:history_results wagtailadmin_choose_page_child
wagtailadmin_collections:index wagtailadmin_collections:add wagtailadmin_collections:edit
wagtailadmin_collections:delete wagtailadmin_collections:set_privacy
wagtailadmin_workflows:index wagtailadmin_workflows:index_results wagtailadmin_workflows:add
wagtailadmin_workflows:enable wagtailadmin_workflows:disable wagtailadmin_workflows:edit
wagtailadmin_workflows:usage wagtailadmin_workflows:usage_results wagtailadmin_workflows:remove
wagtailadmin_workflows:add_task wagtailadmin_workflows:select_task_type
wagtailadmin_workflows:task_index wagtailadmin_workflows:task_index_results
wagtailadmin_workflows:edit_task wagtailadmin_workflows:disable_task
wagtailadmin_workflows:enable_task wagtailadmin_workflows:task_chooser
wagtailadmin_workflows:task_chooser_results wagtailadmin_workflows:task_chooser_create
wagtailadmin_workflows:task_chosen isolation_task_chooser isolation_task_chooser_results
isolation_task_chooser_create isolation_task_chosen isolation_move_confirm
isolation_confirm_workflow_cancellation
wagtailsnippets_links_friendlylink:edit wagtailsnippets_links_friendlylink:delete
wagtailsnippets_links_friendlylink:copy wagtailsnippets_links_friendlylink:history
wagtailsnippets_links_friendlylink:history_results wagtailsnippets_links_friendlylink:usage
wagtailsnippetchoosers_links_friendlylink:chosen
wagtailadmin_editing_sessions:ping wagtailadmin_editing_sessions:release
wagtailredirects:index wagtailredirects:index_results wagtailredirects:add wagtailredirects:edit
wagtailredirects:delete wagtailredirects:start_import wagtailredirects:process_import
wagtailsettings:edit wagtailsettings:preview_on_edit
wagtaildocs:edit wagtaildocs:delete wagtaildocs:edit_multiple
wagtaildocs:create_multiple_from_uploaded_document wagtaildocs:delete_multiple
wagtaildocs:delete_upload_multiple wagtaildocs:document_usage wagtailimages:edit
wagtailimages:delete wagtailimages:url_generator wagtailimages:url_generator_output
wagtailimages:preview wagtailimages:image_usage wagtailimages:edit_multiple
wagtailimages:create_multiple_from_uploaded_image wagtailimages:delete_multiple
wagtailimages:delete_upload_multiple wagtaildocs_chooser:chosen wagtailimages_chooser:chosen
wagtailimages_chooser:select_format
wagtailsites:index wagtailsites:index_results wagtailsites:add wagtailsites:edit
wagtailsites:delete wagtailsites:history wagtailsites:history_results wagtailsites:usage
wagtailsites:copy
wagtailusers_users:edit wagtailusers_users:delete wagtailusers_users:history
wagtailusers_users:history_results wagtailusers_users:usage wagtailusers_users:copy
wagtailusers_groups:index wagtailusers_groups:index_results wagtailusers_groups:add
wagtailusers_groups:edit wagtailusers_groups:delete wagtailusers_groups:history
wagtailusers_groups:history_results wagtailusers_groups:usage
wagtailsnippets_tenancy_clustersite:list wagtailsnippets_tenancy_clustersite:list_results
wagtailsnippets_tenancy_clustersite:add wagtailsnippets_tenancy_clustersite:edit
wagtailsnippets_tenancy_clustersite:delete wagtailsnippets_tenancy_clustersite:usage
wagtailsnippets_tenancy_clustersite:history wagtailsnippets_tenancy_clustersite:history_results
wagtailsnippets_tenancy_clustersite:copy wagtailsnippetchoosers_tenancy_clustersite:choose
wagtailsnippetchoosers_tenancy_clustersite:choose_results
wagtailsnippetchoosers_tenancy_clustersite:chosen
wagtailsnippetchoosers_tenancy_clustersite:chosen_multiple
wagtailsnippetchoosers_tenancy_clustersite:create
wagtailsnippets_organisations_organisation:add wagtailsnippets_organisations_organisation:edit
wagtailsnippets_organisations_organisation:delete
wagtailsnippets_organisations_organisation:usage
wagtailsnippets_organisations_organisation:history
wagtailsnippets_organisations_organisation:history_results
wagtailsnippets_organisations_organisation:copy
wagtailsnippetchoosers_organisations_organisation:create
isolation_wagtailsnippetchoosers_tenancy_clustersite_choose
isolation_wagtailsnippetchoosers_tenancy_clustersite_choose_results
isolation_wagtailsnippetchoosers_tenancy_clustersite_chosen
isolation_wagtailsnippetchoosers_tenancy_clustersite_chosen_multiple
isolation_wagtailsnippetchoosers_tenancy_clustersite_create
"""

# Casework of a site (依申请公开, 来信, 征集意见): listings show the user's own sites' rows
# (content_models.disclosure_requests.admin.access, content_models.interaction.admin_views.scope);
# an object of another site is a 404.
_CASEWORK_SCOPED = """
disclosure_requests:index disclosure_requests:index_results disclosure_requests:add
interaction_letters:index interaction_comments:index interaction_statistics:index
"""

_CASEWORK_DENY = """
disclosure_requests:edit disclosure_requests:delete disclosure_requests:history
disclosure_requests:history_results disclosure_requests:inspect disclosure_requests:process
disclosure_requests:usage interaction_letters:detail interaction_letters:attachment
interaction_letters:action interaction_comments:moderate
"""

# 站点共享 (content_models.sharing.admin_views.scope): the 报送 queues and 分发记录 list the
# user's own sites' offers; an offer or page of another site is a 404, deciding needs the
# receiving site's admin/reviewer role, distributing needs the portal.
_SHARING_SCOPED = """
sharing_inbox sharing_outbox sharing_distributions
"""

_SHARING_DENY = """
sharing_offer sharing_accept sharing_decline sharing_withdraw sharing_distribute
"""

# Information-office screens (cluster-wide, no site scope): provisioning, themes, the holiday
# calendar, search curation (synonyms, best bets; their choosers are policy-gated by
# sitecluster.isolation.views.snippets), the search report and the review word lists (敏感词;
# its chooser is gated by content_models.review.word_admin).
_OFFICE_ONLY = """
accounts_security_unlock accounts_security_reset_totp
wagtailsnippets_tenancy_clustersite:archive wagtailsnippets_tenancy_clustersite:restore
provisioning_blueprints provisioning_blueprint_show provisioning_blueprint_copy
provisioning_blueprint_rollout provisioning_blueprint_copies:index
provisioning_blueprint_copies:index_results provisioning_blueprint_copies:add
provisioning_blueprint_copies:edit provisioning_blueprint_copies:delete
provisioning_blueprint_copies:history provisioning_blueprint_copies:history_results
provisioning_blueprint_copies:usage themes_admin_index themes_admin_bulk_switch
themes_admin_mourning themes_admin_preview themes_admin_site
holiday_calendar:index holiday_calendar:index_results holiday_calendar:add holiday_calendar:edit
holiday_calendar:delete holiday_calendar:history holiday_calendar:history_results
holiday_calendar:usage search_report
health_status
wagtailsnippets_search_bestbet:list wagtailsnippets_search_bestbet:list_results
wagtailsnippets_search_bestbet:add wagtailsnippets_search_bestbet:edit
wagtailsnippets_search_bestbet:delete wagtailsnippets_search_bestbet:copy
wagtailsnippets_search_bestbet:history wagtailsnippets_search_bestbet:history_results
wagtailsnippets_search_bestbet:usage wagtailsnippetchoosers_search_bestbet:choose
wagtailsnippetchoosers_search_bestbet:choose_results wagtailsnippetchoosers_search_bestbet:chosen
wagtailsnippetchoosers_search_bestbet:chosen_multiple wagtailsnippetchoosers_search_bestbet:create
isolation_wagtailsnippetchoosers_search_bestbet_choose
isolation_wagtailsnippetchoosers_search_bestbet_choose_results
isolation_wagtailsnippetchoosers_search_bestbet_chosen
isolation_wagtailsnippetchoosers_search_bestbet_chosen_multiple
isolation_wagtailsnippetchoosers_search_bestbet_create wagtailsnippets_search_synonym:list
wagtailsnippets_search_synonym:list_results wagtailsnippets_search_synonym:add
wagtailsnippets_search_synonym:edit wagtailsnippets_search_synonym:delete
wagtailsnippets_search_synonym:copy wagtailsnippets_search_synonym:history
wagtailsnippets_search_synonym:history_results wagtailsnippets_search_synonym:usage
wagtailsnippetchoosers_search_synonym:choose wagtailsnippetchoosers_search_synonym:choose_results
wagtailsnippetchoosers_search_synonym:chosen wagtailsnippetchoosers_search_synonym:chosen_multiple
wagtailsnippetchoosers_search_synonym:create isolation_wagtailsnippetchoosers_search_synonym_choose
isolation_wagtailsnippetchoosers_search_synonym_choose_results
isolation_wagtailsnippetchoosers_search_synonym_chosen
isolation_wagtailsnippetchoosers_search_synonym_chosen_multiple
isolation_wagtailsnippetchoosers_search_synonym_create
wagtailsnippets_review_sensitiveword:list wagtailsnippets_review_sensitiveword:list_results
wagtailsnippets_review_sensitiveword:add wagtailsnippets_review_sensitiveword:edit
wagtailsnippets_review_sensitiveword:delete wagtailsnippets_review_sensitiveword:usage
wagtailsnippets_review_sensitiveword:history wagtailsnippets_review_sensitiveword:history_results
wagtailsnippetchoosers_review_sensitiveword:choose
wagtailsnippetchoosers_review_sensitiveword:choose_results
wagtailsnippetchoosers_review_sensitiveword:chosen
wagtailsnippetchoosers_review_sensitiveword:chosen_multiple
wagtailsnippetchoosers_review_sensitiveword:create
backups_index backups_start
"""

# 发布统计: the office sees every site, a site admin only their own (sitecluster.statistics).
_STATISTICS_SCOPED = """
publication_statistics publication_statistics_export
"""

_PUBLIC = """
wagtailadmin_error_test wagtailadmin_logout wagtailadmin_sprite wagtailadmin_login
wagtailadmin_password_reset wagtailadmin_password_reset_done wagtailadmin_password_reset_confirm
wagtailadmin_password_reset_complete wagtailadmin_javascript_catalog
wagtailadmin_choose_page_external_link wagtailadmin_choose_page_email_link
wagtailadmin_choose_page_phone_link wagtailadmin_choose_page_anchor_link
"""

CLASSIFIED = {
    **dict.fromkeys(_PUBLIC.split(), PUBLIC),
    **dict.fromkeys(_SCOPED.split(), SCOPED),
    **dict.fromkeys(_DENY.split(), DENY),
    **dict.fromkeys(_CASEWORK_SCOPED.split(), SCOPED),
    **dict.fromkeys(_CASEWORK_DENY.split(), DENY),
    **dict.fromkeys(_OFFICE_ONLY.split(), DENY),
    **dict.fromkeys(_SHARING_SCOPED.split(), SCOPED),
    **dict.fromkeys(_SHARING_DENY.split(), DENY),
    **dict.fromkeys(_STATISTICS_SCOPED.split(), SCOPED),
}
# What site users are denied but the information office must still reach (see the matrix).
OFFICE_ONLY = frozenset(_OFFICE_ONLY.split())
CASEWORK = frozenset(_CASEWORK_SCOPED.split() + _CASEWORK_DENY.split())
# Unnamed patterns: Wagtail's catch-all 404 and its 404 template test page.
UNNAMED = {"admin/^.*/$", "admin/test404/"}


def admin_patterns() -> list[tuple[str, str, URLPattern]]:
    """(route, namespaced name, pattern) for every URL under /admin/."""

    def walk(patterns, prefix="", namespace=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                ns = namespace + (f"{pattern.namespace}:" if pattern.namespace else "")
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), ns)
            else:
                name = namespace + pattern.name if pattern.name else ""
                yield prefix + str(pattern.pattern), name, pattern

    return [row for row in walk(get_resolver().url_patterns) if row[0].startswith("admin/")]


def route_params(route: str) -> list[str]:
    """Names of the parameters of a route (path converters or regex groups)."""
    return re.findall(r"<(?:\w+:)?(\w+)>", route) + re.findall(r"\(\?P<(\w+)>", route)


# Leaks this matrix found that are not closed yet (reported to the lead); each still fails if
# it starts returning 500. Remove an entry once its view is scoped.
KNOWN_OPEN: dict[str, str] = {}
