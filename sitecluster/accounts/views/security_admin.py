"""The information office's fixes from 安全审计: lift a lockout, reset a lost second factor."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from sitecluster.tenancy.roles import is_information_office

from .. import audit, throttle
from ..models import LoginThrottle, TOTPDevice

AUDIT_URL = "accounts_security_audit"


def _office_only(request) -> None:
    if not is_information_office(request.user):
        raise PermissionDenied


@require_POST
@transaction.atomic
def unlock(request, pk):
    _office_only(request)
    row = get_object_or_404(LoginThrottle, pk=pk)
    throttle.unlock(row.kind, row.key)
    account = audit.account_for(row.key) if row.kind == "account" else None
    audit.record(
        account or row,
        audit.UNLOCKED,
        user=request.user,
        request=request,
        title=None if account else row.key,
        scope=row.kind,
        key=row.key,
    )
    messages.success(request, f"已解除{row.get_kind_display()} {row.key} 的锁定。")
    return redirect(AUDIT_URL)


@require_POST
@transaction.atomic
def reset_totp(request):
    _office_only(request)
    username = (request.POST.get("username") or "").strip()
    user = audit.account_for(username) if username else None
    if user is None:
        messages.error(request, "请填写存在的用户名。")
        return redirect(AUDIT_URL)
    deleted, _ = TOTPDevice.objects.filter(user=user).delete()
    if not deleted:
        messages.error(request, f"用户 {username} 没有绑定动态验证码。")
        return redirect(AUDIT_URL)
    audit.record(user, audit.TOTP_RESET, user=request.user, request=request)
    messages.success(request, f"已重置 {username} 的动态验证码，该用户下次登录时重新绑定。")
    return redirect(AUDIT_URL)
