"""Admin: synonyms and best bets for the information office, and the search report."""

from django.urls import path, reverse

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from sitecluster.tenancy.roles import is_information_office

from .models import BestBet, Synonym
from .report import search_report


class InformationOfficePolicy(ModelPermissionPolicy):
    """Only the information office (信息中心) curates cluster-wide search."""

    def user_has_permission(self, user, action):
        return is_information_office(user)

    def user_has_any_permission(self, user, actions):
        return is_information_office(user)


register_permission_policy(Synonym, InformationOfficePolicy(Synonym))
register_permission_policy(BestBet, InformationOfficePolicy(BestBet))


class SynonymViewSet(SnippetViewSet):
    model = Synonym
    icon = "list-ul"
    menu_label = "同义词"
    list_display = ["term", "equivalents", "updated_at"]
    search_fields = None


class BestBetViewSet(SnippetViewSet):
    model = BestBet
    icon = "pick"
    menu_label = "推荐结果"
    list_display = ["keywords", "page", "site", "expires_at"]


class SearchCurationGroup(SnippetViewSetGroup):
    items = (SynonymViewSet, BestBetViewSet)
    menu_icon = "search"
    menu_label = "站群搜索"
    menu_name = "cluster-search"


register_snippet(SearchCurationGroup)


@hooks.register("register_admin_urls")
def register_report_url():
    return [path("cluster-search/report/", search_report, name="search_report")]


class InformationOfficeMenuItem(MenuItem):
    def is_shown(self, request):
        return is_information_office(request.user)


@hooks.register("register_reports_menu_item")
def register_report_menu_item():
    return InformationOfficeMenuItem(
        "搜索统计", reverse("search_report"), icon_name="search", order=900
    )
