"""Password policy: Django's validators (length ≥ 12, not like the username, not common, not
all digits; their messages are translated to Chinese) plus mixed character classes.
"""

from __future__ import annotations

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError

CLASSES = (
    ("小写字母", str.islower),
    ("大写字母", str.isupper),
    ("数字", str.isdigit),
)


def character_classes(password: str) -> int:
    found = {name for ch in password for name, test in CLASSES if test(ch)}
    has_symbol = any(not (ch.isalnum() and ch.isascii()) for ch in password)
    return len(found) + (1 if has_symbol else 0)


class CharacterClassesValidator:
    """At least ``min_classes`` of: lower-case, upper-case, digits, symbols."""

    def __init__(self, min_classes: int = 3):
        self.min_classes = min_classes

    def validate(self, password, user=None):
        if character_classes(password or "") < self.min_classes:
            raise ValidationError(
                "密码须至少包含大写字母、小写字母、数字和符号中的 %(count)d 类。",
                code="password_too_simple",
                params={"count": self.min_classes},
            )

    def get_help_text(self):
        return f"密码须至少包含大写字母、小写字母、数字和符号中的 {self.min_classes} 类。"


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    """Django's length rule with its message in Chinese (Django's catalogue lacks it)."""

    def validate(self, password, user=None):
        if len(password or "") < self.min_length:
            raise ValidationError(
                "密码太短，至少需要 %(min_length)d 个字符。",
                code="password_too_short",
                params={"min_length": self.min_length},
            )

    def get_help_text(self):
        return f"密码至少需要 {self.min_length} 个字符。"
