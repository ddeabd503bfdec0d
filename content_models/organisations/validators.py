"""统一社会信用代码 (GB 32100-2015), its 组织机构代码 (GB 11714-1997), 索引号 formats."""

import string

from django.core.exceptions import ValidationError

USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
ORG_CODE_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2]
ORG_CODE_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def uscc_check_char(first17: str) -> str:
    total = sum(USCC_ALPHABET.index(c) * w for c, w in zip(first17, USCC_WEIGHTS, strict=True))
    return USCC_ALPHABET[(31 - total % 31) % 31]


def org_code_check_char(first8: str) -> str:
    total = sum(
        ORG_CODE_ALPHABET.index(c) * w for c, w in zip(first8, ORG_CODE_WEIGHTS, strict=True)
    )
    value = 11 - total % 11
    return {10: "X", 11: "0"}.get(value, str(value))


def uscc_problem(code: str) -> str | None:
    """Why ``code`` is not a valid 统一社会信用代码, in Chinese; None if it is valid."""
    if len(code) != 18:
        return "统一社会信用代码应为 18 位。"
    bad = sorted({c for c in code if c not in USCC_ALPHABET})
    if bad:
        return f"统一社会信用代码含有不允许的字符：{''.join(bad)}（不使用 I、O、Z、S、V）。"
    if not code[2:8].isdigit():
        return "统一社会信用代码第 3–8 位应为登记管理机关行政区划码（数字）。"
    org = code[8:17]
    if any(c not in ORG_CODE_ALPHABET for c in org[:8]) or org_code_check_char(org[:8]) != org[8]:
        return "统一社会信用代码第 9–17 位（组织机构代码）的校验位不正确。"
    if uscc_check_char(code[:17]) != code[17]:
        return "统一社会信用代码的校验位（第 18 位）不正确。"
    return None


def validate_uscc(value: str) -> None:
    problem = uscc_problem((value or "").strip().upper())
    if problem:
        raise ValidationError(problem, code="invalid_uscc")


def make_uscc(prefix: str, region: str, org_body: str) -> str:
    """Build a valid code from its parts (used for demo data and tests)."""
    org = org_body + org_code_check_char(org_body)
    first17 = prefix + region + org
    return first17 + uscc_check_char(first17)


_INDEX_NUMBER_FIELDS = {"prefix", "year", "serial"}


def validate_index_number_format(value: str) -> None:
    """A 索引号 format: ``str.format`` placeholders {prefix}, {year}, {serial} only."""
    try:
        fields = [
            name for _, name, _, _ in string.Formatter().parse(value or "") if name is not None
        ]
    except ValueError:
        fields = None
    unknown = set(fields or ()) - _INDEX_NUMBER_FIELDS
    if unknown:
        raise ValidationError(
            f"索引号格式含有不支持的占位符：{'、'.join(sorted(unknown))}。", code="invalid_format"
        )
    try:
        sample = (value or "").format(prefix="X", year=2025, serial=1)
    except (ValueError, KeyError, IndexError):
        fields = None
    if fields is None:
        raise ValidationError(
            "索引号格式无效：只能使用 {prefix}、{year}、{serial} 占位符。", code="invalid_format"
        )
    if "serial" not in fields or "year" not in fields:
        raise ValidationError("索引号格式必须包含 {year} 和 {serial}。", code="invalid_format")
    if len(sample) > 60:
        raise ValidationError("索引号过长（不超过 60 个字符）。", code="invalid_format")
