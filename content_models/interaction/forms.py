"""Public forms: write a letter, track it, comment on a consultation, search published letters.

Every text is normalised to plain text (:func:`citizen_text.plain`); errors are in Chinese and
a form with errors is shown again with what the citizen typed (except the CAPTCHA answer,
since every challenge is single-use).
"""

from __future__ import annotations

import re

from django import forms

from . import captcha
from .attachments import MAX_FILES, check_uploads
from .citizen_text import plain
from .models import LetterType
from .spam import fingerprint, is_duplicate, spam_reasons

PHONE = re.compile(r"^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(-\d{1,6})?)$")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".jpg,.jpeg,.png,.pdf"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, (list, tuple)):
            return [super(MultipleFileField, self).clean(item, initial) for item in data if item]
        return [super().clean(data, initial)] if data else []


class HoneypotInput(forms.TextInput):
    """A field people never see (hidden by CSS, skipped by keyboard and screen readers)."""

    def __init__(self):
        super().__init__(attrs={"tabindex": "-1", "autocomplete": "off"})


def clean_phone(value: str) -> str:
    value = "".join((value or "").split())
    if value and not PHONE.match(value):
        raise forms.ValidationError("请填写有效的手机号码或固定电话（如 0539-8100011）。")
    return value


class CaptchaMixin:
    """Checks ``captcha_token`` + ``captcha_answer`` (posted by the template) once."""

    captcha_error: str | None = None

    def check_captcha(self):
        problem = captcha.verify(
            self.data.get("captcha_token", ""), self.data.get("captcha_answer", "")
        )
        if problem:
            self.captcha_error = problem
            self.add_error(None, problem)


class LetterForm(CaptchaMixin, forms.Form):
    letter_type = forms.ChoiceField(label="来信类型", choices=LetterType.choices)
    subject = forms.CharField(label="标题", max_length=100, min_length=4)
    body = forms.CharField(
        label="内容",
        max_length=5000,
        min_length=10,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="请写明事项、时间、地点和诉求，不超过 5000 字。",
    )
    name = forms.CharField(label="姓名", max_length=50)
    phone = forms.CharField(label="联系电话", max_length=30, required=False)
    email = forms.EmailField(
        label="电子邮箱",
        required=False,
        max_length=254,
        help_text="填写后，答复将同时发送到该邮箱。",
    )
    may_publish = forms.BooleanField(
        label="同意在网站公开本信件及答复（公开时将隐去姓名、电话等个人信息）", required=False
    )
    attachments = MultipleFileField(
        label="附件",
        required=False,
        help_text=f"可选，最多 {MAX_FILES} 个，每个不超过 5 MB，支持 JPG、PNG 和 PDF。",
    )
    website = forms.CharField(label="网址（请勿填写）", required=False, widget=HoneypotInput())

    error_messages = {"required": "请填写此项。"}

    def __init__(self, *args, mailbox=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.mailbox = mailbox
        self.checked_files = []
        self.spam_reasons = []
        for field in self.fields.values():
            field.error_messages.setdefault("required", "请填写此项。")
            field.error_messages["required"] = "请填写此项。"
        self.fields["subject"].error_messages["min_length"] = "标题不少于 4 个字。"
        self.fields["subject"].error_messages["max_length"] = "标题不超过 100 个字。"
        self.fields["body"].error_messages["min_length"] = "内容不少于 10 个字。"
        self.fields["body"].error_messages["max_length"] = "内容不超过 5000 个字。"
        self.fields["email"].error_messages["invalid"] = "请填写有效的电子邮箱。"
        self.fields["letter_type"].error_messages["invalid_choice"] = "请选择来信类型。"

    def clean_subject(self):
        return plain(self.cleaned_data["subject"], single_line=True)

    def clean_body(self):
        return plain(self.cleaned_data["body"])

    def clean_name(self):
        name = plain(self.cleaned_data["name"], single_line=True)
        if not name:
            raise forms.ValidationError("请填写姓名。")
        return name

    def clean_phone(self):
        return clean_phone(self.cleaned_data.get("phone", ""))

    def clean_attachments(self):
        try:
            self.checked_files = check_uploads(self.cleaned_data.get("attachments") or [])
        except forms.ValidationError as exc:
            raise forms.ValidationError(exc.messages) from exc
        return self.cleaned_data.get("attachments")

    def clean(self):
        data = super().clean()
        if data.get("website"):
            raise forms.ValidationError("提交失败，请刷新页面后重试。")
        if not data.get("phone") and not data.get("email") and "phone" not in self.errors:
            self.add_error("phone", "请至少填写联系电话或电子邮箱中的一项，用于查询和答复。")
        self.check_captcha()
        if self.errors:
            return data
        self.spam_reasons = spam_reasons(data["subject"], data["body"])
        from .models import Letter

        contact = data.get("phone") or data.get("email")
        if is_duplicate(Letter.objects.all(), fingerprint(contact, data["subject"], data["body"])):
            raise forms.ValidationError(
                "您已提交过内容相同的来信，请勿重复提交；可凭首次提交时获得的查询码查询办理进度。"
            )
        return data

    @property
    def contact(self) -> str:
        return self.cleaned_data.get("phone") or self.cleaned_data.get("email") or ""


class TrackingForm(forms.Form):
    code = forms.CharField(label="查询码", max_length=20)
    contact = forms.CharField(
        label="联系电话或电子邮箱", max_length=254, help_text="与来信时填写的一致"
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.error_messages["required"] = "请填写此项。"

    def clean_code(self):
        return "".join(self.cleaned_data["code"].split()).upper()


class CommentForm(CaptchaMixin, forms.Form):
    name = forms.CharField(label="姓名（可不填）", max_length=50, required=False)
    contact = forms.CharField(
        label="联系电话或电子邮箱", max_length=100, help_text="仅用于核实，不会公开。"
    )
    text = forms.CharField(
        label="意见建议", min_length=5, max_length=3000, widget=forms.Textarea(attrs={"rows": 6})
    )
    website = forms.CharField(label="网址（请勿填写）", required=False, widget=HoneypotInput())

    def __init__(self, *args, consultation=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.consultation = consultation
        self.spam_reasons = []
        for field in self.fields.values():
            field.error_messages["required"] = "请填写此项。"
        self.fields["text"].error_messages["min_length"] = "意见建议不少于 5 个字。"
        self.fields["text"].error_messages["max_length"] = "意见建议不超过 3000 个字。"

    def clean_name(self):
        return plain(self.cleaned_data.get("name", ""), single_line=True)

    def clean_text(self):
        return plain(self.cleaned_data["text"])

    def clean_contact(self):
        contact = "".join(self.cleaned_data["contact"].split())
        if PHONE.match(contact) or re.fullmatch(r"[^@\s]+@[^@\s]+\.[A-Za-z]{2,}", contact):
            return contact
        raise forms.ValidationError("请填写有效的手机号码、固定电话或电子邮箱。")

    def clean(self):
        data = super().clean()
        if data.get("website"):
            raise forms.ValidationError("提交失败，请刷新页面后重试。")
        self.check_captcha()
        if self.errors:
            return data
        self.spam_reasons = spam_reasons(data["text"])
        if is_duplicate(
            self.consultation.comments.all(), fingerprint(data["contact"], data["text"])
        ):
            raise forms.ValidationError("您已提交过相同的意见，请勿重复提交。")
        return data


class LetterSearchForm(forms.Form):
    q = forms.CharField(label="关键词", max_length=50, required=False)
    letter_type = forms.ChoiceField(
        label="类型", required=False, choices=[("", "全部类型"), *LetterType.choices]
    )
    year = forms.TypedChoiceField(label="年份", required=False, coerce=int, empty_value=None)
    site = forms.TypedChoiceField(label="办理单位", required=False, coerce=int, empty_value=None)

    def __init__(self, *args, years=(), sites=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", "全部年份"), *[(y, f"{y}年") for y in years]]
        if sites:
            self.fields["site"].choices = [("", "全部单位"), *sites]
        else:
            del self.fields["site"]
