import pytest

from content_models.disclosure.doc_numbers import (
    doc_number_problem,
    normalise_doc_number,
    parse_doc_number,
)


@pytest.mark.parametrize(
    "value",
    [
        "国办发〔2017〕47号",
        "京政办发〔2020〕3号",
        "财税〔2019〕13号",
        "国发明电〔2020〕5号",
        "国办公开办函〔2019〕61号",
        "河东政发〔2025〕120号",
    ],
)
def test_real_world_document_numbers_are_accepted(value):
    assert doc_number_problem(value) is None
    assert str(parse_doc_number(value)) == value


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("国办发[2017]47号", "国办发〔2017〕47号"),
        ("国办发【2017】47号", "国办发〔2017〕47号"),
        ("国办发（2017）47号", "国办发〔2017〕47号"),
        (" 财税 ［2019］ 13号", "财税〔2019〕13号"),
        ("国办发〔2017〕第47号", "国办发〔2017〕47号"),
    ],
)
def test_common_typing_variants_are_normalised(typed, stored):
    assert normalise_doc_number(typed) == stored
    assert doc_number_problem(typed) is None


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("国办发2017年47号", "六角括号"),
        ("国办发〔2017〕047号", "不编虚位"),
        ("〔2017〕47号", "机关代字"),
        ("国办发〔2017〕47", "机关代字"),
        ("国办发〔1800〕4号", "年份"),
    ],
)
def test_malformed_numbers_are_rejected_in_chinese(value, message):
    assert message in doc_number_problem(value)


def test_an_empty_number_is_allowed():
    assert doc_number_problem("") is None
