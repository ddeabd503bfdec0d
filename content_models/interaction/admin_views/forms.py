"""Staff forms of the letter and comment admin."""

from __future__ import annotations

from django import forms

from ..models import Adoption, CommentState, MailboxPage


class NoteForm(forms.Form):
    note = forms.CharField(label="说明", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ForwardForm(forms.Form):
    mailbox = forms.TypedChoiceField(label="转至信箱", coerce=int)
    note = forms.CharField(
        label="转办说明", widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )

    def __init__(self, *args, letter=None, labels=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mailbox"].choices = [
            (pk, label)
            for pk, label in sorted((labels or {}).items(), key=lambda item: item[1])
            if letter is None or pk != letter.mailbox_id
        ]

    def target(self) -> MailboxPage:
        return MailboxPage.objects.get(pk=self.cleaned_data["mailbox"])


class ReplyForm(forms.Form):
    text = forms.CharField(
        label="答复内容", widget=forms.Textarea(attrs={"rows": 8}), max_length=5000
    )


class RejectForm(forms.Form):
    reason = forms.CharField(label="不予受理理由（来信人可见）", max_length=300)


class PublishForm(forms.Form):
    subject = forms.CharField(label="公开标题", max_length=100)
    body = forms.CharField(
        label="公开内容", widget=forms.Textarea(attrs={"rows": 6}), max_length=5000
    )
    reply_text = forms.CharField(
        label="公开答复", widget=forms.Textarea(attrs={"rows": 6}), max_length=5000
    )


class ModerateForm(forms.Form):
    state = forms.ChoiceField(label="审核", choices=CommentState.choices)
    adoption = forms.ChoiceField(label="采纳情况", choices=Adoption.choices, required=False)
    note = forms.CharField(label="采纳说明", required=False, max_length=1000)
