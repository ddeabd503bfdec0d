"""TOTP second factor: who must use it, enrolment, verification without replay."""

from __future__ import annotations

import io
import time

import pyotp
import segno

from django.utils import timezone

from sitecluster.tenancy.models import SiteRole
from sitecluster.tenancy.roles import is_information_office, site_roles

from .models import AccountSecuritySettings, TOTPDevice

ISSUER = "河东区政府网站群"
STEP_SECONDS = 30
ROLE_FIELDS = {
    SiteRole.ADMIN: "totp_site_admin",
    SiteRole.REVIEWER: "totp_reviewer",
    SiteRole.EDITOR: "totp_editor",
}


def confirmed_device(user) -> TOTPDevice | None:
    if not (user and user.pk):
        return None
    return TOTPDevice.objects.filter(user=user, confirmed_at__isnull=False).first()


def role_requires_totp(user, request=None) -> bool:
    """Does one of the user's roles require a second factor (per the information office)?"""
    conf = AccountSecuritySettings.load(request_or_site=request)
    if not any(
        (conf.totp_information_office, conf.totp_site_admin, conf.totp_reviewer, conf.totp_editor)
    ):
        return False
    if conf.totp_information_office and is_information_office(user):
        return True
    held = set().union(*site_roles(user).values()) if site_roles(user) else set()
    return any(getattr(conf, field) for role, field in ROLE_FIELDS.items() if role in held)


def second_factor_needed(user, request=None) -> bool:
    """A password alone is not enough: the role requires TOTP, or the user enrolled."""
    return confirmed_device(user) is not None or role_requires_totp(user, request)


def pending_device(user) -> TOTPDevice:
    """The user's unconfirmed device (a fresh secret), created on first call."""
    device, _ = TOTPDevice.objects.get_or_create(
        user=user, defaults={"secret": pyotp.random_base32()}
    )
    return device


def provisioning_uri(device: TOTPDevice) -> str:
    return pyotp.TOTP(device.secret).provisioning_uri(
        name=device.user.get_username(), issuer_name=ISSUER
    )


def qr_svg(device: TOTPDevice) -> str:
    out = io.BytesIO()
    segno.make(provisioning_uri(device), error="m").save(
        out, kind="svg", scale=5, xmldecl=False, svgns=True, title="动态验证码二维码"
    )
    return out.getvalue().decode()


def verify(device: TOTPDevice, code: str, now: float | None = None) -> bool:
    """Accept the code of this step or its neighbours, never a step already used."""
    code = "".join((code or "").split())
    if not (code.isdigit() and len(code) == 6):
        return False
    totp = pyotp.TOTP(device.secret)
    now = time.time() if now is None else now
    current = int(now // STEP_SECONDS)
    for step in (current - 1, current, current + 1):
        if step <= device.last_step:
            continue
        if totp.at(step * STEP_SECONDS) == code:
            updated = TOTPDevice.objects.filter(pk=device.pk, last_step__lt=step).update(
                last_step=step
            )
            if not updated:  # another request used it first
                return False
            device.last_step = step
            return True
    return False


def confirm(device: TOTPDevice, code: str) -> bool:
    if not verify(device, code):
        return False
    device.confirmed_at = timezone.now()
    device.save(update_fields=["confirmed_at"])
    return True
