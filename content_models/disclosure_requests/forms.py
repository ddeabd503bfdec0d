"""Public forms: the application (申请表) and the status lookup (查询码 + 联系方式)."""

from __future__ import annotations

import re

from django import forms

from .models import ApplicantType, DeliveryMethod, DisclosureRequest

_PHONE = re.compile(r"^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(-\d{1,6})?)$")
_ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
_ID_CHECK = "10X98765432"


def resident_id_problem(value: str) -> str | None:
    """居民身份证号码 (GB 11643-1999): 18 characters with a check character."""
    value = value.strip().upper()
    if not re.fullmatch(r"\d{17}[\dX]", value):
        return "居民身份证号码应为 18 位（最后一位可以是 X）。"
    total = sum(int(c) * w for c, w in zip(value[:17], _ID_WEIGHTS, strict=True))
    if _ID_CHECK[total % 11] != value[17]:
        return "居民身份证号码校验位不正确，请核对。"
    return None


class ApplicationForm(forms.ModelForm):
    website = forms.CharField(required=False, widget=forms.HiddenInput)  # spam trap
    agree = forms.BooleanField(
        label="我承诺所填信息真实有效，并知悉申请人应当对申请内容负责。", required=True
    )

    class Meta:
        model = DisclosureRequest
        fields = [
            "organisation",
            "applicant_type",
            "applicant_name",
            "id_type",
            "id_number",
            "legal_representative",
            "contact_person",
            "phone",
            "email",
            "address",
            "postcode",
            "description",
            "document_hint",
            "delivery_method",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, organisations=None, fixed_organisation=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fixed_organisation = fixed_organisation
        if fixed_organisation is not None:
            del self.fields["organisation"]
        else:
            self.fields["organisation"].queryset = organisations
            self.fields["organisation"].empty_label = "请选择受理机关"
        self.fields["applicant_type"].choices = ApplicantType.choices
        self.fields["delivery_method"].choices = DeliveryMethod.choices

    def clean_phone(self):
        phone = self.cleaned_data["phone"].replace(" ", "")
        if not _PHONE.match(phone):
            raise forms.ValidationError("请填写有效的手机号码或固定电话（如 0539-8100011）。")
        return phone

    def clean_postcode(self):
        postcode = self.cleaned_data.get("postcode", "").strip()
        if postcode and not re.fullmatch(r"\d{6}", postcode):
            raise forms.ValidationError("邮政编码应为 6 位数字。")
        return postcode

    def clean(self):
        data = super().clean()
        if data.get("website"):
            raise forms.ValidationError("提交失败，请重试。")
        natural = data.get("applicant_type") == ApplicantType.NATURAL
        id_type, id_number = data.get("id_type", ""), data.get("id_number", "")
        if natural and id_type == "居民身份证" and id_number:
            problem = resident_id_problem(id_number)
            if problem:
                self.add_error("id_number", problem)
        if data.get("applicant_type") and not natural and not data.get("legal_representative"):
            self.add_error("legal_representative", "法人或其他组织申请，请填写法定代表人或负责人。")
        method = data.get("delivery_method")
        if method == DeliveryMethod.EMAIL and not data.get("email"):
            self.add_error("email", "选择电子邮件获取时，请填写电子邮箱。")
        if method == DeliveryMethod.POST and not data.get("address"):
            self.add_error("address", "选择邮寄获取时，请填写通信地址。")
        if len((data.get("description") or "").strip()) < 10:
            self.add_error("description", "请具体描述所需的政府信息（不少于 10 个字）。")
        return data


class StatusLookupForm(forms.Form):
    code = forms.CharField(label="查询码", max_length=20)
    contact = forms.CharField(
        label="联系电话或电子邮箱", max_length=100, help_text="与申请时填写的一致"
    )

    def clean_code(self):
        return self.cleaned_data["code"].strip().upper()
