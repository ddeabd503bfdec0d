"""Admin of 站点共享: the 报送 queues, 分发, page buttons, the dashboard panel, audit actions,
and the rule that a distributed 引用 can be hidden by its site but not edited or deleted."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path, reverse

from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.widgets import Button

from content_models.articles.models import ArticlePage
from sitecluster.tenancy.roles import is_information_office

from .admin_views.distributions import DistributeView, DistributionIndexView
from .admin_views.offers import (
    AcceptView,
    DeclineView,
    InboxView,
    OfferCreateView,
    OutboxView,
    WithdrawView,
)
from .admin_views.scope import can_distribute, can_share, home_ids, outgoing, pending_count
from .models import OfferStatus, ReferencePage
from .submission import LOG_ACTIONS


@hooks.register("register_admin_urls")
def sharing_urls():
    return [
        path("sharing/inbox/", InboxView.as_view(), name="sharing_inbox"),
        path("sharing/outbox/", OutboxView.as_view(), name="sharing_outbox"),
        path("sharing/offer/<int:page_id>/", OfferCreateView.as_view(), name="sharing_offer"),
        path("sharing/offers/<int:pk>/accept/", AcceptView.as_view(), name="sharing_accept"),
        path("sharing/offers/<int:pk>/decline/", DeclineView.as_view(), name="sharing_decline"),
        path("sharing/offers/<int:pk>/withdraw/", WithdrawView.as_view(), name="sharing_withdraw"),
        path(
            "sharing/distribute/<int:page_id>/",
            DistributeView.as_view(),
            name="sharing_distribute",
        ),
        path(
            "sharing/distributions/", DistributionIndexView.as_view(), name="sharing_distributions"
        ),
    ]


class ShareMenuItem(MenuItem):
    def is_shown(self, request):
        return can_share(request.user)


class InboxMenuItem(ShareMenuItem):
    """报送接收 with the number of offers waiting for the user's sites."""

    def render_component(self, request):
        count = pending_count(request.user)
        label = f"{self.label}（{count}）" if count else self.label
        component = super().render_component(request)
        component.label = label
        return component


class DistributionMenuItem(MenuItem):
    def is_shown(self, request):
        return can_distribute(request.user)


class SharingSubmenu(SubmenuMenuItem):
    def is_shown(self, request):
        return can_share(request.user)

    def render_component(self, request):
        component = super().render_component(request)
        count = pending_count(request.user)
        if count:
            component.label = f"{self.label}（{count}）"
        return component


@hooks.register("register_admin_menu_item")
def sharing_menu():
    menu = Menu(
        items=[
            InboxMenuItem("报送接收", reverse("sharing_inbox"), name="sharing-inbox", order=1),
            ShareMenuItem("我的报送", reverse("sharing_outbox"), name="sharing-outbox", order=2),
            DistributionMenuItem(
                "分发记录", reverse("sharing_distributions"), name="sharing-distributions", order=3
            ),
        ]
    )
    return SharingSubmenu("站点共享", menu, name="sharing", icon_name="resubmit", order=270)


@hooks.register("register_page_listing_more_buttons")
def sharing_page_buttons(page, user, next_url=None):
    specific_class = page.specific_class
    if specific_class is None or not issubclass(specific_class, ArticlePage) or not page.live:
        return
    if can_share(user):
        yield Button("报送", reverse("sharing_offer", args=[page.pk]), priority=80)
    if can_distribute(user) and page.depth == 4:  # an article in a portal column
        yield Button("分发到成员站点", reverse("sharing_distribute", args=[page.pk]), priority=81)


def _refuse_distributed(request, page, action):
    specific = page.specific
    if (
        isinstance(specific, ReferencePage)
        and specific.is_distributed
        and not is_information_office(request.user)
    ):
        messages.error(
            request, f"这是门户分发的通知，本站不能{action}；如不需要显示，请“撤销发布”。"
        )
        return redirect("wagtailadmin_explore", page.get_parent().pk)
    return None


@hooks.register("before_edit_page")
def refuse_editing_distributed(request, page):
    return _refuse_distributed(request, page, "修改")


@hooks.register("before_delete_page")
def refuse_deleting_distributed(request, page):
    return _refuse_distributed(request, page, "删除")


@hooks.register("register_log_actions")
def sharing_log_actions(actions):
    for name, label in LOG_ACTIONS.items():
        actions.register_action(f"sharing.{name}", label, label)


class OffersPanel(Component):
    name = "sharing_offers"
    template_name = "sharing/admin/offers_panel.html"
    order = 55

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        decided = (
            outgoing(self.user)
            .filter(status__in=[OfferStatus.ACCEPTED, OfferStatus.DECLINED])
            .select_related("source")
            .order_by("-decided_at")[:5]
        )
        return {"pending": pending_count(self.user), "decided": list(decided)}


@hooks.register("construct_homepage_panels")
def add_offers_panel(request, panels):
    homes = home_ids(request.user)
    if homes is None or homes:
        panels.append(OffersPanel(request.user))
