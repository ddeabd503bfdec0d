import pytest

from django.core.exceptions import ValidationError

from content_models.organisations.validators import make_uscc, uscc_problem, validate_uscc

# Published codes of real bodies (check digits computed by their registrars).
REAL_CODES = ["11100000000013127D", "91110000802100433B", "11341702486344515H"]


@pytest.mark.parametrize("code", REAL_CODES)
def test_real_codes_are_valid(code):
    assert uscc_problem(code) is None


def test_generated_codes_are_valid():
    code = make_uscc("11", "379901", "41020037")
    assert len(code) == 18
    validate_uscc(code)


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("11100000000013127", "应为 18 位"),
        ("11100000000013127E", "校验位（第 18 位）不正确"),
        ("1110000000001312OD", "不允许的字符"),
        ("11ABCDEF000013127D", "行政区划码"),
        ("11100000010013127D", "组织机构代码"),
    ],
)
def test_invalid_codes_explain_why_in_chinese(code, message):
    with pytest.raises(ValidationError) as caught:
        validate_uscc(code)
    assert message in caught.value.messages[0]
