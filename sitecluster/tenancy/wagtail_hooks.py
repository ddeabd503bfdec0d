from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import ClusterSite


class ClusterSiteViewSet(SnippetViewSet):
    model = ClusterSite
    icon = "site"
    menu_label = "站群站点"
    menu_order = 200
    add_to_admin_menu = True
    list_display = ["name", "code", "kind", "hostname", "mount_path", "status"]
    list_filter = ["kind", "status"]
    search_fields = ["name", "code", "hostname"]


register_snippet(ClusterSiteViewSet)


@hooks.register("construct_settings_menu")
def hide_wagtail_sites(request, menu_items):
    """Hostnames are managed through 站群站点; Wagtail's Site rows are derived from it."""
    menu_items[:] = [item for item in menu_items if item.name != "sites"]
