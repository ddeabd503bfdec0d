"""来信办理 in the admin: the scoped list, one letter with its history, and each action."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.views import View
from django.views.generic import TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .. import workflow
from ..citizen_text import redact
from ..deadlines import deadline_buckets
from ..models import Letter, MailboxPage, State
from .forms import ForwardForm, NoteForm, PublishForm, RejectForm, ReplyForm
from .scope import can_handle_letters, mailbox_labels, scoped, site_home_ids, site_names

DEADLINE_FILTERS = {
    "past_limit": "超过三个月未答复",
    "near_limit": "临近三个月期限",
    "past_target": "超过答复时限",
    "near_target": "临近答复时限",
}


class StaffMixin:
    def dispatch(self, request, *args, **kwargs):
        if not can_handle_letters(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def letters(self):
        return scoped(Letter.objects.all(), self.request.user)

    def get_letter(self, pk) -> Letter:
        return get_object_or_404(self.letters().select_related("mailbox", "site_home"), pk=pk)


class LetterIndexView(StaffMixin, WagtailAdminTemplateMixin, TemplateView):
    page_title = "来信办理"
    header_icon = "mail"
    template_name = "interaction/admin/letter_index.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        letters = self.letters()
        params = self.request.GET
        state, deadline, q = (
            params.get("state", ""),
            params.get("deadline", ""),
            params.get("q", "").strip(),
        )
        if state in State.values:
            letters = letters.filter(state=state)
        if q:
            letters = letters.filter(Q(tracking_code__iexact=q) | Q(subject__icontains=q))
        if deadline in DEADLINE_FILTERS:
            ids = [letter.pk for letter in deadline_buckets(letters)[deadline]]
            letters = letters.filter(pk__in=ids)
        letters = letters.select_related("mailbox").order_by("-submitted_at", "-pk")
        page = Paginator(letters, 50).get_page(params.get("p"))
        names = site_names()
        for letter in page:
            letter.site_name = names.get(letter.site_home_id, "")
        context.update(
            {
                "letters": page,
                "states": State.choices,
                "deadline_filters": DEADLINE_FILTERS.items(),
                "current": {"state": state, "deadline": deadline, "q": q},
                "today": timezone.localdate(),
                "all_sites": site_home_ids(self.request.user) is None,
            }
        )
        return context


class LetterDetailView(StaffMixin, WagtailAdminTemplateMixin, TemplateView):
    header_icon = "mail"
    template_name = "interaction/admin/letter_detail.html"

    def get_page_title(self):
        return f"来信 {self.letter.tracking_code}"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("interaction_letters:index"), "label": "来信办理"},
            {"url": "", "label": self.letter.tracking_code},
        ]

    def get(self, request, pk):
        self.letter = self.get_letter(pk)
        return super().get(request, pk=pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        letter = self.letter
        labels = mailbox_labels(MailboxPage.objects.live().only("pk", "path", "title"))
        names = (letter.name,)
        context.update(
            {
                "letter": letter,
                "events": letter.events.select_related("user"),
                "attachments": letter.attachments.all(),
                "site_name": site_names().get(letter.site_home_id, letter.site_home.title),
                "forward_form": ForwardForm(letter=letter, labels=labels),
                "reply_form": ReplyForm(),
                "reject_form": RejectForm(),
                "note_form": NoteForm(),
                "publish_form": PublishForm(
                    initial={
                        "subject": letter.public_subject or redact(letter.subject, names),
                        "body": letter.public_body or redact(letter.body, names),
                        "reply_text": letter.public_reply or redact(letter.reply_text, names),
                    }
                ),
            }
        )
        return context


class LetterActionView(StaffMixin, View):
    """POST one action; errors come back as messages on the letter's page."""

    def post(self, request, pk, action):
        letter = self.get_letter(pk)
        user = request.user
        try:
            if action == "accept":
                workflow.accept(letter, user=user)
                done = "已受理。"
            elif action == "forward":
                labels = mailbox_labels(MailboxPage.objects.live().only("pk", "path", "title"))
                form = ForwardForm(request.POST, letter=letter, labels=labels)
                self._valid(form)
                workflow.forward(letter, form.target(), user=user, note=form.cleaned_data["note"])
                done = f"已转办至“{labels[form.cleaned_data['mailbox']]}”。"
            elif action == "reply":
                form = self._valid(ReplyForm(request.POST))
                workflow.reply(letter, form.cleaned_data["text"], user=user)
                done = "已答复。"
            elif action == "reject":
                form = self._valid(RejectForm(request.POST))
                workflow.reject(letter, form.cleaned_data["reason"], user=user)
                done = "已作不予受理处理。"
            elif action == "publish":
                form = self._valid(PublishForm(request.POST))
                data = form.cleaned_data
                workflow.publish(
                    letter,
                    subject=data["subject"],
                    body=data["body"],
                    reply_text=data["reply_text"],
                    user=user,
                )
                done = "已公开。"
            elif action == "unpublish":
                workflow.unpublish(letter, user=user)
                done = "已取消公开。"
            elif action == "note":
                form = self._valid(NoteForm(request.POST))
                workflow.add_note(letter, form.cleaned_data["note"], user=user)
                done = "已添加备注。"
            else:
                raise Http404
        except workflow.WorkflowError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, done)
        return redirect("interaction_letters:detail", pk=letter.pk)

    @staticmethod
    def _valid(form):
        if not form.is_valid():
            problems = "；".join(
                (f"{form.fields[name].label}：" if name in form.fields else "") + "，".join(errors)
                for name, errors in form.errors.items()
            )
            raise workflow.WorkflowError(f"请检查填写的内容：{problems}")
        return form


class AttachmentView(StaffMixin, View):
    def get(self, request, pk, attachment_id):
        letter = self.get_letter(pk)
        attachment = get_object_or_404(letter.attachments, pk=attachment_id)
        response = FileResponse(
            attachment.file.open("rb"),
            as_attachment=True,
            filename=attachment.original_name,
            content_type=attachment.content_type,
        )
        response["X-Content-Type-Options"] = "nosniff"
        response["Content-Security-Policy"] = "sandbox"
        return response
