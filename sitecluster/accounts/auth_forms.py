"""Login and second-factor forms (the public login page and Wagtail's /admin/login/)."""

from __future__ import annotations

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError

from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm

from .backends import LOCKOUT_ATTR

INVALID_LOGIN = "用户名或密码不正确。连续多次输入错误，账号将被暂时锁定。"


class LockoutMessageMixin:
    """A refused login says why in Chinese: locked out, or wrong username/password."""

    def clean(self):
        try:
            return super().clean()
        except ValidationError:
            lockout = getattr(self.request, LOCKOUT_ATTR, None)
            if lockout is not None:
                raise ValidationError(lockout.message, code="locked_out") from None
            raise

    def get_invalid_login_error(self):
        return ValidationError(INVALID_LOGIN, code="invalid_login")


class LoginForm(LockoutMessageMixin, AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        "inactive": "该账号已停用，请联系信息中心。",
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].label = "用户名"
        self.fields["password"].label = "密码"
        self.fields["username"].error_messages["required"] = "请填写用户名。"
        self.fields["password"].error_messages["required"] = "请填写密码。"


class AdminLoginForm(LockoutMessageMixin, WagtailLoginForm):
    """``WAGTAILADMIN_USER_LOGIN_FORM``: Wagtail's form with the lockout message."""


class CodeForm(forms.Form):
    code = forms.CharField(
        label="动态验证码",
        max_length=10,
        error_messages={"required": "请填写动态验证码。"},
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "pattern": "[0-9 ]*"}
        ),
        help_text="打开手机上的身份验证器应用（如 FreeOTP、Google Authenticator），输入 6 位数字。",
    )
