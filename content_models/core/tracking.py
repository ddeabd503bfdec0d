"""Tracking codes (查询码) citizens receive for what they submit: applications, letters."""

import secrets

from django.utils import timezone

# Upper-case letters and digits without the look-alikes 0/O and 1/I, so a code read over the
# phone or copied from paper is unambiguous.
TRACKING_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def tracking_code(prefix: str, date_format: str, random_length: int) -> str:
    """``<prefix><today in date_format><random_length unambiguous characters>``."""
    stamp = timezone.localdate().strftime(date_format)
    return prefix + stamp + "".join(secrets.choice(TRACKING_ALPHABET) for _ in range(random_length))
