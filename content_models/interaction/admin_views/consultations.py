"""意见审核: comments on the user's sites' consultations, moderated and marked 采纳 or not."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.views import View
from django.views.generic import TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .. import workflow
from ..models import CommentState, ConsultationComment, ConsultationPage
from .forms import ModerateForm
from .letters import StaffMixin
from .scope import scoped


class CommentIndexView(StaffMixin, WagtailAdminTemplateMixin, TemplateView):
    page_title = "征集意见审核"
    header_icon = "comment"
    template_name = "interaction/admin/comment_index.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        comments = scoped(ConsultationComment.objects.all(), self.request.user)
        consultations = ConsultationPage.objects.filter(
            pk__in=comments.values("consultation")
        ).order_by("-opens_on")
        state = self.request.GET.get("state", CommentState.PENDING)
        consultation = self.request.GET.get("consultation", "")
        if state in CommentState.values:
            comments = comments.filter(state=state)
        if consultation.isdigit():
            comments = comments.filter(consultation_id=int(consultation))
        page = Paginator(
            comments.select_related("consultation").order_by("-created_at", "-pk"), 50
        ).get_page(self.request.GET.get("p"))
        for comment in page:
            comment.form = ModerateForm(
                initial={
                    "state": comment.state,
                    "adoption": comment.adoption,
                    "note": comment.adoption_note,
                },
                prefix=f"c{comment.pk}",
            )
        context.update(
            {
                "comments": page,
                "states": CommentState.choices,
                "consultations": consultations,
                "current": {"state": state, "consultation": consultation},
            }
        )
        return context


class ModerateView(StaffMixin, View):
    def post(self, request, pk):
        comment = get_object_or_404(scoped(ConsultationComment.objects.all(), request.user), pk=pk)
        form = ModerateForm(request.POST, prefix=f"c{comment.pk}")
        if not form.is_valid():
            messages.error(request, "请选择有效的审核结果。")
        else:
            try:
                workflow.moderate(
                    comment,
                    state=form.cleaned_data["state"],
                    adoption=form.cleaned_data["adoption"],
                    note=form.cleaned_data["note"],
                    user=request.user,
                )
            except workflow.WorkflowError as exc:
                messages.error(request, str(exc))
            else:
                messages.success(request, "已保存审核结果。")
        return redirect(request.POST.get("next") or "interaction_comments:index")
