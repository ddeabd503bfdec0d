"""Security audit log: logins, logouts, failures, lockouts, role and permission changes.

Every event is a Wagtail ``ModelLogEntry`` (``log_action``) on the account concerned (or, for
a username that does not exist, on the address's :class:`LoginThrottle` row, labelled with
the username as typed), so the user's own history in the admin shows it too.
"""

from __future__ import annotations

import logging

from django.contrib.auth import get_user_model

from wagtail.log_actions import log

from .addresses import client_address

logger = logging.getLogger("sitecluster.accounts")

LOGIN = "sitecluster.auth.login"
LOGOUT = "sitecluster.auth.logout"
LOGIN_FAILED = "sitecluster.auth.login_failed"
LOCKOUT = "sitecluster.auth.lockout"
LOCKED_ATTEMPT = "sitecluster.auth.locked_attempt"
TOTP_ENROLLED = "sitecluster.auth.totp_enrolled"
TOTP_RESET = "sitecluster.auth.totp_reset"
ROLE_ADDED = "sitecluster.role.added"
ROLE_REMOVED = "sitecluster.role.removed"
PERMISSIONS_CHANGED = "sitecluster.permissions.changed"
REGISTERED = "sitecluster.auth.registered"
UNLOCKED = "sitecluster.auth.unlocked"

SECURITY_ACTIONS = {
    LOGIN: ("登录", "登录成功"),
    LOGOUT: ("退出登录", "退出登录"),
    LOGIN_FAILED: ("登录失败", "登录失败"),
    LOCKOUT: ("登录锁定", "登录失败次数过多，已锁定"),
    LOCKED_ATTEMPT: ("锁定期间尝试登录", "锁定期间尝试登录，已拒绝"),
    TOTP_ENROLLED: ("启用动态验证码", "启用动态验证码"),
    TOTP_RESET: ("重置动态验证码", "重置动态验证码"),
    ROLE_ADDED: ("加入角色", "加入用户组或站点角色"),
    ROLE_REMOVED: ("移出角色", "移出用户组或站点角色"),
    PERMISSIONS_CHANGED: ("权限变更", "用户组或用户的权限变更"),
    REGISTERED: ("公众注册", "公众注册账号"),
    UNLOCKED: ("解除锁定", "信息中心解除登录锁定"),
}
# What the 安全审计 view lists.
AUDITED_ACTIONS = tuple(SECURITY_ACTIONS)
FAILURE_ACTIONS = (LOGIN_FAILED, LOCKED_ATTEMPT)


def register_security_actions(actions) -> None:
    for action, (label, message) in SECURITY_ACTIONS.items():
        actions.register_action(action, label, message)


def request_data(request) -> dict:
    if request is None:
        return {}
    # The raw Host header: requests built by scripts (force_login) may have none.
    return {"address": client_address(request), "host": request.META.get("HTTP_HOST", "")[:100]}


def record(instance, action: str, *, user=None, request=None, title=None, **data):
    """Write one audit entry (and an English log line)."""
    payload = {**request_data(request), **data}
    logger.info("audit %s on %s %s %s", action, type(instance).__name__, instance.pk, payload)
    return log(instance=instance, action=action, user=user, title=title, data=payload)


def account_for(username: str):
    User = get_user_model()
    return User._default_manager.filter(
        **{f"{User.USERNAME_FIELD}__iexact": (username or "").strip()}
    ).first()
