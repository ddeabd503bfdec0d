"""Forms of the review step: approve with the checklist, reject with a comment."""

from __future__ import annotations

from django import forms

from .checklist import CHECKLIST


class ApproveWithChecklistForm(forms.Form):
    """Approval: every checklist item must be ticked; the comment is optional."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for key, label in CHECKLIST:
            self.fields[key] = forms.BooleanField(
                label=label,
                required=True,
                error_messages={"required": f"请确认：{label}"},
            )
        self.fields["comment"] = forms.CharField(
            label="审核意见", required=False, widget=forms.Textarea({"rows": 2})
        )


class RejectForm(forms.Form):
    """Rejection goes back to the editor with the reason."""

    comment = forms.CharField(
        label="退回意见",
        required=True,
        widget=forms.Textarea({"rows": 3}),
        error_messages={"required": "请填写退回意见，告诉编辑需要修改什么"},
    )


class WarningConfirmWidget(forms.CheckboxInput):
    """The "I have checked the warnings" box: shown only after a check found warning words."""

    template_name = "review/warning_confirm.html"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.hits = []

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["hits"] = self.hits
        return context
