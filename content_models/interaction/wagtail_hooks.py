"""Admin: 来信办理, 征集意见审核 and 来信统计 (one menu group), and the deadlines panel."""

from django.urls import path

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup

from .admin_views.consultations import CommentIndexView, ModerateView
from .admin_views.dashboard import LetterDeadlinesPanel
from .admin_views.letters import (
    AttachmentView,
    LetterActionView,
    LetterDetailView,
    LetterIndexView,
)
from .admin_views.scope import can_handle_letters
from .admin_views.statistics import StatisticsView


class StaffMenuItem(MenuItem):
    def is_shown(self, request):
        return can_handle_letters(request.user)


class StaffViewSet(ViewSet):
    menu_item_class = StaffMenuItem


class LetterViewSet(StaffViewSet):
    """Letters of the staff member's own sites (the mailbox page's site)."""

    name = "interaction_letters"
    url_prefix = "interaction/letters"
    icon = "mail"
    menu_label = "来信办理"

    def get_urlpatterns(self):
        return [
            path("", LetterIndexView.as_view(), name="index"),
            path("<int:pk>/", LetterDetailView.as_view(), name="detail"),
            path(
                "<int:pk>/files/<int:attachment_id>/", AttachmentView.as_view(), name="attachment"
            ),
            path("<int:pk>/<slug:action>/", LetterActionView.as_view(), name="action"),
        ]


class CommentViewSet(StaffViewSet):
    name = "interaction_comments"
    url_prefix = "interaction/comments"
    icon = "comment"
    menu_label = "征集意见审核"

    def get_urlpatterns(self):
        return [
            path("", CommentIndexView.as_view(), name="index"),
            path("<int:pk>/moderate/", ModerateView.as_view(), name="moderate"),
        ]


class StatisticsViewSet(StaffViewSet):
    name = "interaction_statistics"
    url_prefix = "interaction/statistics"
    icon = "table"
    menu_label = "来信统计"

    def get_urlpatterns(self):
        return [path("", StatisticsView.as_view(), name="index")]


class InteractionGroup(ViewSetGroup):
    menu_label = "互动交流"
    menu_icon = "mail"
    menu_order = 260
    items = (LetterViewSet, CommentViewSet, StatisticsViewSet)


@hooks.register("register_admin_viewset")
def register_interaction_viewsets():
    return InteractionGroup()


@hooks.register("construct_homepage_panels")
def add_letter_deadlines_panel(request, panels):
    if can_handle_letters(request.user):
        panels.append(LetterDeadlinesPanel(request.user))
