"""Tag autocomplete limited to tags on the user's own pages, images and documents.

Wagtail suggests every tag of the cluster, so one site's editors would see the tag vocabulary
(often names of people and projects) of every other site.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.http import Http404, JsonResponse

from taggit.models import GenericTaggedItemBase, Tag, TagBase
from wagtail.admin.views import tags as wagtail_tags
from wagtail.models import Page

from .. import queries
from ..media import media_models, own_media
from ..scope import is_scoped


def _own_tags_q(tag_model, user) -> Q:
    q = Q(pk__in=[])
    for relation in tag_model._meta.related_objects:
        through = relation.related_model
        accessor = relation.name  # e.g. "articles_articletag_items" or "tagged_items"
        if issubclass(through, GenericTaggedItemBase):
            for model in media_models():
                ids = list(own_media(model, user).values_list("pk", flat=True))
                q |= Q(
                    **{
                        f"{accessor}__content_type": ContentType.objects.get_for_model(model),
                        f"{accessor}__object_id__in": ids,
                    }
                )
            continue
        try:
            target = through._meta.get_field("content_object").related_model
        except Exception:  # noqa: BLE001 - a through model without content_object: no tags
            continue
        if issubclass(target, Page):
            q |= queries.own_pages_q(user, prefix=f"{accessor}__content_object__")
    return q


def autocomplete(request, app_name=None, model_name=None):
    if not is_scoped(request.user):
        return wagtail_tags.autocomplete(request, app_name, model_name)
    tag_model = Tag
    if app_name and model_name:
        try:
            content_type = ContentType.objects.get_by_natural_key(app_name, model_name)
        except ContentType.DoesNotExist as exc:
            raise Http404 from exc
        tag_model = content_type.model_class()
        if not issubclass(tag_model, TagBase):
            raise Http404
    term = request.GET.get("term")
    if not term:
        return JsonResponse([], safe=False)
    names = (
        tag_model.objects.filter(_own_tags_q(tag_model, request.user), name__istartswith=term)
        .order_by("name")
        .values_list("name", flat=True)
        .distinct()[: wagtail_tags.TAGS_AUTOCOMPLETE_LIMIT]
    )
    return JsonResponse(list(names), safe=False)
