from wagtail.snippets.models import register_snippet

from content_models.core.collection_scope_views import CollectionScopedSnippetViewSet

from .models import FriendlyLink


class FriendlyLinkViewSet(CollectionScopedSnippetViewSet):
    model = FriendlyLink
    icon = "link"
    menu_label = "友情链接"
    menu_order = 220
    add_to_admin_menu = True
    list_display = ["title", "url", "collection", "sort_order"]
    list_filter = ["collection"]
    search_fields = ["title"]
    ordering = ["collection", "sort_order", "pk"]


register_snippet(FriendlyLinkViewSet)
