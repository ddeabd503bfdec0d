from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Organisation


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "group"
    menu_label = "机构"
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["name", "short_name", "org_type", "credit_code"]
    list_filter = ["org_type"]
    search_fields = ["name", "credit_code"]


register_snippet(OrganisationViewSet)
