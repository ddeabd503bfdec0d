"""Accounts: login throttling, TOTP second factors, citizens and the security settings."""

from .citizens import CitizenProfile
from .security_settings import AccountSecuritySettings
from .throttle import LoginThrottle, ThrottleKind
from .totp import TOTPDevice

__all__ = [
    "AccountSecuritySettings",
    "CitizenProfile",
    "LoginThrottle",
    "TOTPDevice",
    "ThrottleKind",
]
