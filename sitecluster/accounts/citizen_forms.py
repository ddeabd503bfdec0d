"""公众注册 and 认领办件 forms."""

from __future__ import annotations

import re

from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.validators import UnicodeUsernameValidator

from content_models.interaction import captcha

MOBILE = re.compile(r"^1[3-9]\d{9}$")


class RegistrationForm(forms.Form):
    username = forms.CharField(
        label="用户名",
        max_length=30,
        min_length=3,
        validators=[UnicodeUsernameValidator()],
        help_text="3～30 个字符，可使用字母、数字、汉字和 @.+-_。",
        error_messages={"required": "请填写用户名。", "min_length": "用户名至少 3 个字符。"},
    )
    mobile = forms.CharField(label="手机号码", max_length=20, required=False)
    email = forms.EmailField(
        label="电子邮箱", required=False, error_messages={"invalid": "请填写有效的电子邮箱。"}
    )
    password1 = forms.CharField(
        label="密码",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=(
            "至少 12 位，包含大写字母、小写字母、数字和符号中的至少 3 类，且不要与用户名相近。"
        ),
        error_messages={"required": "请设置密码。"},
    )
    password2 = forms.CharField(
        label="确认密码",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": "请再次输入密码。"},
    )

    def clean_username(self):
        username = self.cleaned_data["username"].strip()
        User = get_user_model()
        if User._default_manager.filter(username__iexact=username).exists():
            raise forms.ValidationError("该用户名已被注册，请换一个。")
        return username

    def clean_mobile(self):
        mobile = "".join(self.cleaned_data.get("mobile", "").split())
        if mobile and not MOBILE.match(mobile):
            raise forms.ValidationError("请填写 11 位手机号码。")
        return mobile

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("mobile") and not cleaned.get("email") and not self.errors:
            self.add_error("mobile", "手机号码和电子邮箱至少填写一项，用于找回办件。")
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", "两次输入的密码不一致。")
        elif first:
            probe = get_user_model()(
                username=cleaned.get("username", ""), email=cleaned.get("email", "")
            )
            try:
                password_validation.validate_password(first, user=probe)
            except forms.ValidationError as exc:
                self.add_error("password1", exc)
        problem = captcha.verify(
            self.data.get("captcha_token", ""), self.data.get("captcha_answer", "")
        )
        if problem:
            self.add_error(None, problem)
        return cleaned


class ClaimForm(forms.Form):
    code = forms.CharField(
        label="查询码",
        max_length=30,
        error_messages={"required": "请填写查询码。"},
        help_text="提交来信或申请后获得的查询码，如 XJ… 或 YSQ…。",
    )
    contact = forms.CharField(
        label="联系电话或电子邮箱",
        max_length=100,
        error_messages={"required": "请填写提交时留下的联系电话或电子邮箱。"},
    )

    def clean_code(self):
        return "".join(self.cleaned_data["code"].split()).upper()
