"""The confidentiality checklist a reviewer confirms item by item before approving."""

from __future__ import annotations

CHECKLIST: tuple[tuple[str, str], ...] = (
    ("no_state_secrets", "不涉及国家秘密"),
    ("no_personal_data", "不含个人隐私和敏感个人信息"),
    ("fit_to_publish", "内容适宜公开，表述准确"),
)


def checklist_summary(confirmed: dict) -> list[dict]:
    """The checklist as stored in the audit log: every item with its label and answer."""
    return [
        {"key": key, "label": label, "confirmed": bool(confirmed.get(key))}
        for key, label in CHECKLIST
    ]
