"""``manage.py accounts <subcommand>``: unlock a login lockout, reset a lost second factor.

unlock <username>          unlock --address 203.0.113.7          locked
reset-totp <username>
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from sitecluster.accounts import audit, throttle
from sitecluster.accounts.models import LoginThrottle, ThrottleKind, TOTPDevice


class Command(BaseCommand):
    help = "Account security: unlock lockouts, reset a user's TOTP device."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        unlock = sub.add_parser("unlock", help="Unlock a username or a client address.")
        unlock.add_argument("username", nargs="?")
        unlock.add_argument("--address")
        sub.add_parser("locked", help="List current lockouts.")
        reset = sub.add_parser("reset-totp", help="Delete a user's TOTP device.")
        reset.add_argument("username")

    def handle(self, *args, action, **options):
        return getattr(self, action.replace("-", "_"))(**options)

    def unlock(self, username=None, address=None, **options):
        if bool(username) == bool(address):
            raise CommandError("请指定用户名或 --address 其中之一。")
        if username:
            count = throttle.unlock(ThrottleKind.ACCOUNT, throttle.account_key(username))
        else:
            count = throttle.unlock(ThrottleKind.ADDRESS, address.strip())
        if not count:
            raise CommandError(f"没有找到 {username or address} 的登录限制记录。")
        self.stdout.write(f"已解除锁定：{username or address}")

    def locked(self, **options):
        rows = LoginThrottle.objects.filter(locked_until__gt=timezone.now()).order_by("kind")
        for row in rows:
            until = timezone.localtime(row.locked_until).strftime("%Y-%m-%d %H:%M")
            self.stdout.write(f"{row.get_kind_display()}\t{row.key}\t锁定至 {until}")
        if not rows:
            self.stdout.write("当前没有被锁定的账号或地址。")

    @transaction.atomic
    def reset_totp(self, username, **options):
        user = audit.account_for(username)
        if user is None:
            raise CommandError(f"用户 {username} 不存在。")
        deleted, _ = TOTPDevice.objects.filter(user=user).delete()
        if not deleted:
            raise CommandError(f"用户 {username} 没有启用动态验证码。")
        audit.record(user, audit.TOTP_RESET, via="manage.py accounts reset-totp")
        self.stdout.write(f"已重置 {username} 的动态验证码；下次登录时重新绑定。")
