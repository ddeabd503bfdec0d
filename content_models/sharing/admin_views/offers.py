"""报送 in the admin: offering a page, the receiver's queue (报送接收) and 我的报送."""

from __future__ import annotations

import logging

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.generic import TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from content_models.articles.models import ArticlePage

from .. import submission
from ..models import OfferStatus
from ..sites import site_home_of
from .forms import AcceptForm, DeclineForm, OfferForm
from .scope import (
    can_decide,
    can_offer_from,
    can_share,
    incoming,
    outgoing,
    site_names,
    visible_offers,
)

logger = logging.getLogger(__name__)


class SharingMixin(WagtailAdminTemplateMixin):
    header_icon = "resubmit"

    def dispatch(self, request, *args, **kwargs):
        if not can_share(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


def error_text(error: ValidationError) -> str:
    return "；".join(error.messages)


class OfferListView(SharingMixin, TemplateView):
    template_name = "sharing/admin/offer_list.html"
    direction = "incoming"

    def offers(self):
        return (
            incoming(self.request.user)
            if self.direction == "incoming"
            else outgoing(self.request.user)
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        status = self.request.GET.get("status", "")
        if self.direction == "incoming" and "status" not in self.request.GET:
            status = OfferStatus.PENDING
        offers = self.offers().select_related("source", "column", "offered_by", "decided_by")
        if status in OfferStatus.values:
            offers = offers.filter(status=status)
        page = Paginator(offers, 50).get_page(self.request.GET.get("p"))
        names = site_names()
        for offer in page:
            offer.sender_name = names.get(offer.sender_home_id, "")
            offer.receiver_name = names.get(offer.receiver_home_id, "")
            offer.can_decide = offer.is_pending and can_decide(self.request.user, offer)
        context.update(
            offers=page,
            direction=self.direction,
            statuses=OfferStatus.choices,
            current_status=status,
        )
        return context


class InboxView(OfferListView):
    page_title = "报送接收"
    direction = "incoming"


class OutboxView(OfferListView):
    page_title = "我的报送"
    direction = "outgoing"


def shareable_page(user, page_id: int) -> ArticlePage:
    """A live article of one of the user's sites, else 404 (other sites' pages do not exist)."""
    page = get_object_or_404(ArticlePage.objects.live(), pk=page_id)
    home = site_home_of(page)
    if home is None or not can_offer_from(user, home.pk):
        raise Http404
    page.site_home = home
    return page


class OfferCreateView(SharingMixin, TemplateView):
    page_title = "报送文章"
    template_name = "sharing/admin/form.html"

    def dispatch(self, request, *args, **kwargs):
        if not can_share(request.user):
            raise PermissionDenied
        self.source = shareable_page(request.user, kwargs["page_id"])
        return super().dispatch(request, *args, **kwargs)

    def get_form(self):
        data = self.request.POST if self.request.method == "POST" else None
        return OfferForm(data, sender_home_id=self.source.site_home.pk)

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(form=form or self.get_form(), source=self.source, submit_label="报送")
        return context

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        if form.is_valid():
            try:
                submission.offer(
                    self.source,
                    form.cleaned_data["receiver"].root_page,
                    user=request.user,
                    message=form.cleaned_data["message"],
                )
            except ValidationError as error:
                form.add_error(None, error_text(error))
            else:
                messages.success(
                    request,
                    f"已将“{self.source.title}”报送给“{form.cleaned_data['receiver'].name}”，"
                    "等待对方处理。",
                )
                return redirect("sharing_outbox")
        return self.render_to_response(self.get_context_data(form=form))


class DecideMixin(SharingMixin):
    template_name = "sharing/admin/form.html"

    def dispatch(self, request, *args, **kwargs):
        if not can_share(request.user):
            raise PermissionDenied
        self.offer = get_object_or_404(
            visible_offers(request.user).select_related("source", "receiver_home"),
            pk=kwargs["pk"],
        )
        if not can_decide(request.user, self.offer):
            raise PermissionDenied
        if not self.offer.is_pending:
            messages.error(request, f"该报送已{self.offer.get_status_display()}。")
            return redirect("sharing_inbox")
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            form=form or self.get_form(),
            source=self.offer.source,
            offer=self.offer,
            submit_label=self.submit_label,
        )
        return context

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        if form.is_valid():
            try:
                text = self.act(form)
            except ValidationError as error:
                form.add_error(None, error_text(error))
            else:
                messages.success(request, text)
                return redirect(reverse("sharing_inbox"))
        return self.render_to_response(self.get_context_data(form=form))


class AcceptView(DecideMixin, TemplateView):
    page_title = "采用报送"
    submit_label = "采用"

    def get_form(self):
        data = self.request.POST if self.request.method == "POST" else None
        return AcceptForm(data, receiver_home=self.offer.receiver_home, source=self.offer.source)

    def act(self, form):
        column = form.cleaned_data["column"]
        submission.accept(self.offer, column, user=self.request.user)
        return f"已将“{self.offer.source.title}”采用到栏目“{column.title}”（引用原文）。"


class DeclineView(DecideMixin, TemplateView):
    page_title = "退回报送"
    submit_label = "退回"

    def get_form(self):
        data = self.request.POST if self.request.method == "POST" else None
        return DeclineForm(data)

    def act(self, form):
        submission.decline(self.offer, form.cleaned_data["reason"], user=self.request.user)
        return f"已退回“{self.offer.source.title}”。"


class WithdrawView(SharingMixin, TemplateView):
    """POST only: the sender takes back a pending offer."""

    http_method_names = ["post"]

    def post(self, request, pk):
        offer = get_object_or_404(outgoing(request.user), pk=pk)
        try:
            submission.withdraw(offer, user=request.user)
        except ValidationError as error:
            messages.error(request, error_text(error))
        else:
            messages.success(request, f"已撤回“{offer.source.title}”的报送。")
        return redirect("sharing_outbox")
