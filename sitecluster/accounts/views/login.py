"""登录: password, then (when needed) the TOTP step; 退出登录 (POST only)."""

from __future__ import annotations

from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from wagtail.admin.views.account import LoginView as WagtailLoginView

from .. import audit, login_flow, second_factor, throttle
from ..addresses import client_address
from ..auth_forms import CodeForm, LoginForm
from ..backends import LOCKOUT_ATTR, record_failed_login
from ..redirects import next_from, safe_next

protect = [sensitive_post_parameters(), csrf_protect, never_cache]


@method_decorator(protect, name="dispatch")
class LoginView(View):
    template_name = "accounts/login.html"

    def get(self, request):
        next_url = next_from(request)
        if request.user.is_authenticated:
            return redirect(next_url)
        return self.render(request, LoginForm(request), next_url)

    def post(self, request):
        next_url = next_from(request)
        form = LoginForm(request, data=request.POST)
        if form.is_valid():
            return login_flow.begin(request, form.get_user(), next_url)
        return self.render(request, form, next_url, status=400)

    def render(self, request, form, next_url, status=200, message=""):
        return TemplateResponse(
            request,
            self.template_name,
            {"form": form, "next": next_url, "message": message, "page": None},
            status=status,
        )


@method_decorator(protect, name="dispatch")
class SecondFactorView(View):
    """Verify the code of an enrolled authenticator, or enrol one (QR code) on first use."""

    template_name = "accounts/second_factor.html"

    def dispatch(self, request, *args, **kwargs):
        self.user, self.state = login_flow.pending(request)
        if self.user is None:
            return redirect("accounts:login")
        return super().dispatch(request, *args, **kwargs)

    def device(self):
        device = second_factor.confirmed_device(self.user)
        return (device, False) if device else (second_factor.pending_device(self.user), True)

    def get(self, request):
        return self.render(request, CodeForm())

    def post(self, request):
        form = CodeForm(request.POST)
        username = self.user.get_username()
        lockout = throttle.current_lockout(username, client_address(request))
        if lockout is not None:
            return self.refuse(request, lockout)
        if form.is_valid():
            device, enrolling = self.device()
            code = form.cleaned_data["code"]
            check = second_factor.confirm if enrolling else second_factor.verify
            ok = check(device, code)
            if ok:
                if enrolling:
                    audit.record(self.user, audit.TOTP_ENROLLED, user=self.user, request=request)
                login_flow.complete(request, self.user, self.state["backend"], second_factor=True)
                return redirect(safe_next(request, self.state["next"]))
            record_failed_login(request, username, reason="totp")
            lockout = getattr(request, LOCKOUT_ATTR, None)
            if lockout is not None:
                return self.refuse(request, lockout)
            form.add_error("code", "动态验证码不正确或已使用，请等待下一个验证码后重新输入。")
        return self.render(request, form, status=400)

    def refuse(self, request, lockout):
        """Locked out during the second step: the pending login is dropped."""
        login_flow.cancel(request)
        form = LoginForm(request)
        return LoginView().render(request, form, self.state["next"], 403, lockout.message)

    def render(self, request, form, status=200):
        device, enrolling = self.device()
        context = {"form": form, "enrolling": enrolling, "page": None, "pending_user": self.user}
        if enrolling:
            context.update(qr_svg=second_factor.qr_svg(device), secret=device.secret)
        return TemplateResponse(request, self.template_name, context, status=status)


@require_POST
@csrf_protect
@never_cache
def logout_view(request):
    """退出登录 on this host; single sign-on may wrap it to log out everywhere."""
    login_flow.cancel(request)
    logout(request)
    return redirect(next_from(request, "/"))


class AdminLoginView(WagtailLoginView):
    """Wagtail's /admin/login/ with the same second-factor step as the public login page."""

    def form_valid(self, form):
        user = form.get_user()
        if second_factor.second_factor_needed(user, self.request):
            return login_flow.begin(self.request, user, self.get_success_url())
        return super().form_valid(form)


@method_decorator([csrf_protect, never_cache, login_required], name="dispatch")
class SecurityView(View):
    """账号安全: a logged-in user turns on the second factor of their own accord."""

    template_name = "accounts/security.html"

    def get(self, request):
        return self.render(request, CodeForm())

    def post(self, request):
        device = second_factor.confirmed_device(request.user)
        form = CodeForm(request.POST)
        if device is None and form.is_valid():
            device = second_factor.pending_device(request.user)
            if second_factor.confirm(device, form.cleaned_data["code"]):
                request.session[login_flow.FACTOR_KEY] = True
                audit.record(request.user, audit.TOTP_ENROLLED, user=request.user, request=request)
                return redirect("accounts:security")
            form.add_error("code", "动态验证码不正确或已使用，请等待下一个验证码后重新输入。")
        return self.render(request, form, status=400)

    def render(self, request, form, status=200):
        device = second_factor.confirmed_device(request.user)
        context = {"form": form, "device": device, "page": None}
        if device is None:
            pending = second_factor.pending_device(request.user)
            context.update(qr_svg=second_factor.qr_svg(pending), secret=pending.secret)
        return TemplateResponse(request, self.template_name, context, status=status)
