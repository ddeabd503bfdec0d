"""Staff forms: one form for every handling action (办理)."""

from __future__ import annotations

from django import forms

from ..models import Outcome
from ..workflow import DEFAULT_CORRECTION_PERIOD, MAX_EXTENSION

ACTIONS = {
    "register": "登记受理（开始计时）",
    "request_correction": "一次性告知补正",
    "receive_correction": "收到补正（重新计时）",
    "lapse_correction": "逾期未补正，视为放弃",
    "start_consultation": "征求第三方或其他机关意见（暂停计时）",
    "end_consultation": "收到意见，恢复计时",
    "extend": "延长答复期限",
    "reply": "答复",
    "withdraw": "申请人撤回",
}
AVAILABLE = {
    "submitted": ["register", "reply", "withdraw"],
    "processing": ["request_correction", "start_consultation", "extend", "reply", "withdraw"],
    "correcting": ["receive_correction", "lapse_correction", "withdraw"],
    "consulting": ["end_consultation", "extend", "withdraw"],
    "replied": [],
    "withdrawn": [],
}


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)] if data else []


class ProcessForm(forms.Form):
    action = forms.ChoiceField(label="办理操作")
    on = forms.DateField(
        label="日期",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="留空为今天。登记受理：收到申请之日；补正、意见、答复：相应日期。",
    )
    note = forms.CharField(
        label="补正事项", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    period = forms.IntegerField(
        label="补正期限（工作日）",
        required=False,
        min_value=1,
        max_value=30,
        initial=DEFAULT_CORRECTION_PERIOD,
    )
    party = forms.CharField(label="征求意见对象", required=False, max_length=200)
    days = forms.IntegerField(
        label="延长工作日",
        required=False,
        min_value=1,
        max_value=MAX_EXTENSION,
        initial=MAX_EXTENSION,
    )
    reason = forms.CharField(label="延期或撤回理由", required=False, max_length=200)
    approved_by = forms.CharField(label="批准延期的负责人", required=False, max_length=60)
    outcome = forms.ChoiceField(
        label="办理结果", required=False, choices=[("", "—"), *Outcome.choices]
    )
    text = forms.CharField(
        label="答复内容", required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    files = MultipleFileField(label="答复文件", required=False)

    def __init__(self, *args, state: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = [(name, ACTIONS[name]) for name in AVAILABLE[state]]
