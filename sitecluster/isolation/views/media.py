"""Image and document listings and the image chooser: popular tags of the user's own media.

Wagtail's "popular tags" filter (listings) and tag cloud (image chooser) count every tag of the
model across the cluster, so each site saw the others' tag vocabulary.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count

from taggit.models import Tag
from wagtail.documents.views import documents
from wagtail.images.views import images
from wagtail.images.views.chooser import ImageChooserViewSet, ImageChooseView

from ..media import own_media
from ..scope import is_scoped

POPULAR_TAG_COUNT = 10


def popular_tags_for_user(model, user, count: int = POPULAR_TAG_COUNT):
    """The most used tags on the rows of ``model`` the user may see (one query)."""
    return (
        Tag.objects.filter(
            taggit_taggeditem_items__content_type=ContentType.objects.get_for_model(model),
            taggit_taggeditem_items__object_id__in=own_media(model, user).values("pk"),
        )
        .annotate(item_count=Count("taggit_taggeditem_items"))
        .order_by("-item_count", "name")[:count]
    )


class ScopedPopularTagsMixin:
    def __init__(self, data=None, queryset=None, *, request=None, **kwargs):
        super().__init__(data, queryset, request=request, **kwargs)
        tag_filter = self.filters.get("tag")
        if request is None or not is_scoped(request.user):
            return
        tags = list(popular_tags_for_user(self._meta.model, request.user))
        if not tags:
            self.filters.pop("tag", None)
        elif tag_filter is not None:
            tag_filter.extra["choices"] = [(tag.name, tag.name) for tag in tags]


class ScopedImagesFilterSet(ScopedPopularTagsMixin, images.ImagesFilterSet):
    class Meta(images.ImagesFilterSet.Meta):
        pass


class ScopedDocumentsFilterSet(ScopedPopularTagsMixin, documents.DocumentsFilterSet):
    class Meta(documents.DocumentsFilterSet.Meta):
        pass


class ScopedImagesIndexView(images.IndexView):
    filterset_class = ScopedImagesFilterSet


class ScopedDocumentsIndexView(documents.IndexView):
    filterset_class = ScopedDocumentsFilterSet


class ScopedImageChooseView(ImageChooseView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if is_scoped(self.request.user):
            context["popular_tags"] = popular_tags_for_user(self.model, self.request.user)
        return context


class ScopedImageChooserViewSet(ImageChooserViewSet):
    choose_view_class = ScopedImageChooseView


# Same name and prefix as Wagtail's chooser viewset, so its views link to Wagtail's URLs.
image_chooser = ScopedImageChooserViewSet(
    "wagtailimages_chooser", model=images.get_image_model(), url_prefix="images/chooser"
)
