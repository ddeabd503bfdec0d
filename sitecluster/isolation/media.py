"""Images, documents and other collection members a scoped user's sites own."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Q
from django.db.models.functions import Cast

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.permissions import policy_registry

MEDIA_ACTIONS = {"add", "change", "delete", "choose"}


def media_models():
    return [get_image_model(), get_document_model()]


def own_media(model, user):
    """The rows of a collection-member model the user may see (any collection permission)."""
    return policy_registry.get_by_type(model).instances_user_has_any_permission_for(
        user, MEDIA_ACTIONS
    )


def viewable_model_log_entries(log_model, user):
    """Log entries of images and documents in the user's collections; nothing else."""
    q = Q(pk__in=[])
    for model in media_models():
        ids = own_media(model, user).values_list(Cast("pk", output_field=CharField()), flat=True)
        q |= Q(content_type=ContentType.objects.get_for_model(model), object_id__in=ids)
    return log_model.objects.filter(q)
