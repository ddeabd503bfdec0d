"""Admin API endpoints for images and documents, confined to the user's collections.

Wagtail's admin API (used by the rich-text editor and the page explorer's JS) lists and returns
every image and document outside private collections, to anyone with admin access.
"""

from __future__ import annotations

from wagtail.documents.api.admin.views import DocumentsAdminAPIViewSet
from wagtail.images.api.admin.views import ImagesAdminAPIViewSet

from ..media import own_media
from ..scope import is_scoped


class ScopedMediaMixin:
    def get_queryset(self):
        queryset = super().get_queryset()
        if is_scoped(self.request.user):
            queryset = queryset.filter(pk__in=own_media(self.model, self.request.user).values("pk"))
        return queryset


class ScopedImagesAdminAPIViewSet(ScopedMediaMixin, ImagesAdminAPIViewSet):
    pass


class ScopedDocumentsAdminAPIViewSet(ScopedMediaMixin, DocumentsAdminAPIViewSet):
    pass


def register_endpoints(router):
    """``construct_admin_api`` hook, run after Wagtail's own (which it replaces)."""
    router.register_endpoint("images", ScopedImagesAdminAPIViewSet)
    router.register_endpoint("documents", ScopedDocumentsAdminAPIViewSet)
