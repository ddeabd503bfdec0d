"""Roles × own site / other site × the actions people take (POST), judged by what happened.

Each row of the matrix is (user, site whose objects are targeted, action, allowed?). An action
is "allowed" when its effect is in the database afterwards (page locked, unpublished, moved or
deleted, image uploaded into the site's collection, friendly link changed, application put
to consultation, letter accepted, comment approved, holiday added) or, for the forms
(create/edit page), when the form opens. Deny by default: every cell not listed as allowed
must be refused. Groups and grants are the ones ``provision_site`` gives each site.
"""

from __future__ import annotations

import io

import pytest
from PIL import Image as PILImage

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wagtail.images import get_image_model
from wagtail.models import Page

from content_models.disclosure_requests.models import CalendarDay, DisclosureRequest
from content_models.interaction.models import ConsultationComment, Letter
from content_models.links.models import FriendlyLink

ACTIONS = ["edit", "create", "lock", "unpublish", "delete", "move", "upload", "edit_link"]
# The site's casework: every role handles its own body's applications, letters and comments.
CASEWORK = ["handle_application", "accept_letter", "moderate_comment"]
# Cluster-wide records only the information office keeps (the same for either site).
OFFICE_RECORDS = ["add_holiday"]
ACTIONS += CASEWORK + OFFICE_RECORDS
# What each role may do on its own site (the office on every site); everything else is denied.
ALLOWED_ON_OWN_SITE = {
    "office": set(ACTIONS),
    "admin": set(ACTIONS) - set(OFFICE_RECORDS),
    "reviewer": {"edit", "lock", *CASEWORK},
    "editor": {"edit", "create", "upload", "edit_link", *CASEWORK},
    "plain": set(),
}
USERS = ["office", "fgw-admin", "fgw-reviewer", "fgw-editor", "hedong-admin", "plain"]


def expected(username: str, site_code: str, action: str) -> bool:
    if username in ("office", "plain"):
        return action in ALLOWED_ON_OWN_SITE[username]
    user_site, role = username.split("-")
    return user_site == site_code and action in ALLOWED_ON_OWN_SITE[role]


def target_page(world, code) -> Page:
    """A published article of the site that is neither locked nor in moderation."""
    return Page.objects.get(slug=f"{code}-gzdt-2")


def columns(world, code) -> dict:
    return {"fgw": world.cluster.fgw_columns, "jyj": world.cluster.jyj_columns}[code]


def png_upload() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    PILImage.new("RGB", (8, 8), (10, 90, 200)).save(buffer, "PNG")
    return SimpleUploadedFile("upload.png", buffer.getvalue(), content_type="image/png")


def act(client, world, code, action) -> bool:
    page = target_page(world, code)
    site = getattr(world.cluster, code)
    if action == "edit":
        response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
        return response.status_code == 200 and page.title in response.content.decode()
    if action == "create":
        column = columns(world, code)["gzdt"]
        url = reverse("wagtailadmin_pages:add", args=["articles", "articlepage", column.pk])
        return client.get(url).status_code == 200
    if action == "lock":
        client.post(reverse("wagtailadmin_pages:lock", args=[page.pk]))
        return Page.objects.get(pk=page.pk).locked
    if action == "unpublish":
        client.post(reverse("wagtailadmin_pages:unpublish", args=[page.pk]))
        return not Page.objects.get(pk=page.pk).live
    if action == "delete":
        client.post(reverse("wagtailadmin_pages:delete", args=[page.pk]))
        return not Page.objects.filter(pk=page.pk).exists()
    if action == "move":
        destination = columns(world, code)["tzgg"]
        client.post(reverse("wagtailadmin_pages:move_confirm", args=[page.pk, destination.pk]))
        return Page.objects.get(pk=page.pk).get_parent().pk == destination.pk
    if action == "upload":
        client.post(
            reverse("wagtailimages:add"),
            {"title": "新上传图片", "file": png_upload(), "collection": site.collection_id},
        )
        return (
            get_image_model()
            .objects.filter(title="新上传图片", collection=site.collection_id)
            .exists()
        )
    if action == "edit_link":
        link = world.objects[(code, "link")]
        client.post(
            reverse("wagtailsnippets_links_friendlylink:edit", args=[link.pk]),
            {
                "collection": site.collection_id,
                "title": "改过的链接",
                "url": "https://changed.example.cn/",
                "sort_order": 1,
            },
        )
        return FriendlyLink.objects.get(pk=link.pk).title == "改过的链接"
    if action in CASEWORK + OFFICE_RECORDS:
        return act_on_casework(client, world, code, action)
    raise AssertionError(action)


def act_on_casework(client, world, code, action) -> bool:
    if action == "handle_application":
        application = world.objects[(code, "application")]
        client.post(
            reverse("disclosure_requests:process", args=[application.pk]),
            {"action": "start_consultation", "party": "河东区财政局"},
        )
        return DisclosureRequest.objects.get(pk=application.pk).state == "consulting"
    if action == "accept_letter":
        letter = world.objects[(code, "letter")]
        client.post(reverse("interaction_letters:action", args=[letter.pk, "accept"]))
        return Letter.objects.get(pk=letter.pk).state == "accepted"
    if action == "moderate_comment":
        comment = world.objects[(code, "comment")]
        client.post(
            reverse("interaction_comments:moderate", args=[comment.pk]),
            {f"c{comment.pk}-state": "approved"},
        )
        return ConsultationComment.objects.get(pk=comment.pk).state == "approved"
    if action == "add_holiday":
        client.post(
            reverse("holiday_calendar:add"),
            {"date": "2040-01-02", "kind": "holiday", "name": "元旦调休", "note": ""},
        )
        return CalendarDay.objects.filter(name="元旦调休").exists()
    raise AssertionError(action)


@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("site_code", ["fgw", "jyj"])
@pytest.mark.parametrize("username", USERS)
def test_action_matrix(client, world, username, site_code, action):
    client.force_login(world.users[username])
    assert act(client, world, site_code, action) is expected(username, site_code, action)


def test_move_confirmation_of_another_site_shows_nothing(client, world):
    """Wagtail rendered "move <title> into <title>?" for any ids before checking permission."""
    page = target_page(world, "jyj")
    client.force_login(world.users["fgw-admin"])
    url = reverse("wagtailadmin_pages:move_confirm", args=[page.pk, world.cluster.fgw.root_page_id])
    response = client.get(url)
    assert response.status_code == 403
    assert page.title not in response.content.decode()


def test_own_page_cannot_be_moved_into_another_site(client, world):
    page = target_page(world, "fgw")
    client.force_login(world.users["fgw-admin"])
    destination = world.cluster.jyj_columns["gzdt"]
    url = reverse("wagtailadmin_pages:move_confirm", args=[page.pk, destination.pk])
    assert client.get(url).status_code == 403
    client.post(url)
    assert Page.objects.get(pk=page.pk).get_parent().pk != destination.pk


def test_upload_into_another_sites_collection_is_refused(client, world):
    client.force_login(world.users["fgw-editor"])
    response = client.post(
        reverse("wagtailimages:add"),
        {"title": "越权图片", "file": png_upload(), "collection": world.cluster.jyj.collection_id},
    )
    assert response.status_code in (200, 302)
    # With one permitted collection Wagtail hides the field and files the image there.
    uploaded = get_image_model().objects.filter(title="越权图片")
    assert not uploaded.filter(collection=world.cluster.jyj.collection_id).exists()
