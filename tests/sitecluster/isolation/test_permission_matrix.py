"""Roles × own site / other site × every admin URL (GET): other sites never show.

Every admin URL pattern is requested with the other site's objects in its parameters, as each
role of fgw (the own site), as an editor of the portal (whose page tree contains every member
site) and as plain staff. A DENY view must not answer 200; no view may show the other site's
page titles, image or document titles, tags or usernames. The information office gets the same
URLs and must see the other site's objects.
"""

from __future__ import annotations

import pytest

from django.urls import reverse

from sitecluster.tenancy.models import SiteRole

from .admin_urls import (
    CASEWORK,
    CLASSIFIED,
    DENY,
    KNOWN_OPEN,
    OFFICE_ONLY,
    PUBLIC,
    UNNAMED,
    admin_patterns,
    route_params,
)
from .world import body_text

# What only jyj (the other site) holds: never shown to anyone but jyj's people and the office.
JYJ_MARKERS = ["jyj-gzdt", "教育局图片", "教育局文件", "jyj-editor", "教育局标签", "教育局链接"]
JYJ_MARKERS += ["教育局申请人", "教育局来信", "教育局征求意见", "教育局意见", "教育局推荐"]
# Never shown to a member site's people: the portal's own pages.
PORTAL_MARKERS = ["portal-gzdt"]
# Never shown to the portal's people: member sites' pages and media.
FGW_MARKERS = ["fgw-gzdt", "发改委图片", "发改委文件", "fgw-editor", "发改委标签", "发改委链接"]
FGW_MARKERS += ["发改委申请人", "发改委来信", "发改委征求意见", "发改委意见", "发改委推荐"]

VIEWERS = {
    "fgw-admin": JYJ_MARKERS + PORTAL_MARKERS,
    "fgw-reviewer": JYJ_MARKERS + PORTAL_MARKERS,
    "fgw-editor": JYJ_MARKERS + PORTAL_MARKERS,
    "hedong-editor": JYJ_MARKERS + FGW_MARKERS,
    "plain": JYJ_MARKERS + PORTAL_MARKERS + FGW_MARKERS,
}


def test_every_admin_url_is_classified():
    missing = sorted(
        f"{name or '(unnamed)'} {route}"
        for route, name, _ in admin_patterns()
        if name not in CLASSIFIED and route not in UNNAMED
    )
    assert not missing, "classify these admin URLs in admin_urls.py:\n" + "\n".join(missing)


def test_no_leak_is_left_open():
    assert KNOWN_OPEN == {}


def other_site_kwargs(route, name, world):
    """URL parameters naming jyj's objects (the site the viewers do not belong to)."""
    cluster = world.cluster
    page = world.objects[("jyj", "page")]
    jyj_editor = world.user("jyj", SiteRole.EDITOR)
    link = world.objects.get(("jyj", "link"))
    by_namespace_pk = {
        "wagtailusers_users": jyj_editor.pk,
        "wagtailusers_groups": world.group(cluster.jyj, SiteRole.EDITOR).pk,
        "wagtailadmin_collections": cluster.jyj.collection_id,
        "wagtailadmin_workflows": cluster.jyj.workflow_id,
        "wagtailsnippets_tenancy_clustersite": cluster.jyj.pk,
        "wagtailsnippetchoosers_tenancy_clustersite": cluster.jyj.pk,
        "wagtailsnippets_organisations_organisation": cluster.jyj.organisation_id,
        "wagtailsnippetchoosers_organisations_organisation": cluster.jyj.organisation_id,
        "wagtailsnippets_links_friendlylink": link.pk if link else 1,
        "wagtailsnippetchoosers_links_friendlylink": link.pk if link else 1,
        "wagtailimages_chooser": world.objects[("jyj", "image")].pk,
        "wagtaildocs_chooser": world.objects[("jyj", "document")].pk,
        "wagtailadmin_api:images": world.objects[("jyj", "image")].pk,
        "wagtailadmin_api:documents": world.objects[("jyj", "document")].pk,
        "wagtailsites": cluster.jyj.wagtail_site_id or 1,
        "disclosure_requests": world.objects[("jyj", "application")].pk,
        "holiday_calendar": world.objects["holiday"].pk,
        "interaction_letters": world.objects[("jyj", "letter")].pk,
        "interaction_comments": world.objects[("jyj", "comment")].pk,
        "wagtailsnippets_search_bestbet": world.objects[("jyj", "best_bet")].pk,
        "wagtailsnippetchoosers_search_bestbet": world.objects[("jyj", "best_bet")].pk,
        "wagtailsnippets_search_synonym": world.objects["synonym"].pk,
        "wagtailsnippetchoosers_search_synonym": world.objects["synonym"].pk,
    }
    namespace = name.rsplit(":", 1)[0]
    # The policy-gated chooser URLs of sitecluster.isolation.views.snippets.
    namespace = next(
        (ns for ns in by_namespace_pk if name.startswith(f"isolation_{ns}_")), namespace
    )
    task_state = page.current_workflow_task_state
    values = {
        "page_id": page.pk,
        "parent_page_id": page.pk,
        "page_to_move_id": page.pk,
        "destination_id": cluster.jyj.root_page_id,
        "page_pk": page.pk,
        "workflow_pk": cluster.jyj.workflow_id,
        "revision_id": page.latest_revision_id,
        "revision_id_a": "earliest",
        "revision_id_b": "latest",
        "task_state_id": task_state.pk,
        "task_id": task_state.task_id,
        "workflow_state_id": page.current_workflow_state.pk,
        "action_name": "approve",
        "image_id": world.objects[("jyj", "image")].pk,
        "document_id": world.objects[("jyj", "document")].pk,
        "doc_id": world.objects[("jyj", "document")].pk,
        "uploaded_file_id": 1,
        "attachment_id": world.objects[("jyj", "attachment")].pk,
        "filter_spec": "original",
        "collection_id": cluster.jyj.collection_id,
        "content_type_app_name": "articles",
        "content_type_model_name": "articlepage",
        "app_label": "articles",
        "model_name": "articlepage",
        "app_name": "taggit",
        "action": "delete",
        "object_id": str(page.pk),
        "session_id": 1,
        "redirect_id": 1,
        "name": "department",
        "code": cluster.jyj.code,
        "site_id": cluster.jyj.pk,
        "pk": by_namespace_pk.get(namespace, page.pk),
    }
    if name == "themes_admin_site":
        values.update(pk=cluster.jyj.pk)
    if name.startswith("wagtailsettings:"):
        values.update(app_name="tenancy", model_name="clustersettings", pk=1)
    if name == "interaction_letters:action":
        values.update(action="reply")
    if name == "wagtailadmin_tag_model_autocomplete":
        values.update(app_name="taggit", model_name="tag")
    return {param: values[param] for param in route_params(route)}


# Search terms that match the other site's objects, so listings and JSON searches would show them.
QUERY = "?q=jyj&term=教&p=1"


def sweep(client, world, username, markers, query=QUERY):
    client.force_login(world.users[username])
    problems, statuses = [], {}
    for route, name, _ in admin_patterns():
        if route in UNNAMED or CLASSIFIED.get(name, PUBLIC) == PUBLIC:
            continue
        url = reverse(name, kwargs=other_site_kwargs(route, name, world)) + query
        response = client.get(url)
        statuses[name] = response.status_code
        if response.status_code >= 500:
            problems.append(f"{name}: {response.status_code}")
            continue
        if name in KNOWN_OPEN:
            continue
        body = body_text(response)
        leaked = [marker for marker in markers if marker in body]
        if leaked:
            problems.append(f"{name}: shows {leaked}")
        if CLASSIFIED[name] == DENY and response.status_code == 200:
            problems.append(f"{name}: 200 on another site's object")
    return problems, statuses


@pytest.mark.parametrize("username", list(VIEWERS))
def test_other_sites_never_show(client, world, username):
    problems, _ = sweep(client, world, username, VIEWERS[username])
    assert not problems, "\n".join(problems)


def refused(response) -> bool:
    """403, or Wagtail's "no permission" redirect to the dashboard (or to the login page: the
    single sign-on entry, WAGTAILADMIN_LOGIN_URL)."""
    target = response.get("Location", "").split("?")[0]
    login_pages = (reverse("wagtailadmin_login"), reverse("sso:login"))
    return response.status_code == 403 or (
        response.status_code == 302 and target in (reverse("wagtailadmin_home"), *login_pages)
    )


def test_information_office_is_not_locked_out(client, world):
    """Every casework and office-only view opens for the office on jyj's objects.

    POST-only views answer 405 to a GET and objects the world lacks (a blueprint copy) 404;
    neither is a refusal.
    """
    client.force_login(world.users["office"])
    problems = []
    for route, name, _ in admin_patterns():
        if name not in OFFICE_ONLY | CASEWORK:
            continue
        response = client.get(reverse(name, kwargs=other_site_kwargs(route, name, world)))
        if response.status_code >= 500 or refused(response):
            problems.append(f"{name}: {response.status_code} {response.get('Location', '')}")
    assert not problems, "\n".join(problems)
