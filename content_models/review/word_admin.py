"""Admin of the word lists: the snippet viewset and its chooser, for the information office only.

Wagtail's snippet choosers consult no permission policy, so the chooser views check it here.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from wagtail.snippets.views import chooser
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import SensitiveWord
from .policies import is_information_office


class OfficeOnly:
    def dispatch(self, request, *args, **kwargs):
        if not is_information_office(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class WordChooserViewSet(chooser.SnippetChooserViewSet):
    choose_view_class = type("WordChooseView", (OfficeOnly, chooser.ChooseView), {})
    choose_results_view_class = type(
        "WordChooseResultsView", (OfficeOnly, chooser.ChooseResultsView), {}
    )
    chosen_view_class = type("WordChosenView", (OfficeOnly, chooser.SnippetChosenView), {})
    chosen_multiple_view_class = type(
        "WordChosenMultipleView", (OfficeOnly, chooser.SnippetChosenMultipleView), {}
    )
    create_view_class = type("WordCreateView", (OfficeOnly, chooser.SnippetCreateView), {})


class SensitiveWordViewSet(SnippetViewSet):
    model = SensitiveWord
    chooser_viewset_class = WordChooserViewSet
    icon = "warning"
    menu_label = "敏感词"
    menu_order = 260
    add_to_admin_menu = True
    list_display = ["word", "level", "category", "replacement", "note", "updated_at"]
    list_filter = ["level", "category"]
    search_fields = ["word", "replacement", "note"]
    search_backend_name = None
    ordering = ["level", "word"]
    copy_view_enabled = False
    inspect_view_enabled = False
