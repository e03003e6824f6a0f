"""Identifier checks agree with python-stdnum and name the specific problem."""
from datetime import date

import pytest
from hypothesis import given, strategies as st
from stdnum.cn import ric, uscc

from runtime.engine import identifiers as ids
from tests.engine.factories import bad_check_digit, make_id, make_uscc


def test_valid_id_card():
    number = make_id()
    assert ids.check_id_card(number) is None
    assert ids.is_valid_id_card(number.lower())  # a lowercase x is accepted


@pytest.mark.parametrize("number, problem", [
    ("61042419900101123", "format"),
    ("610424900101123", "format_15"),
    ("6104241990010112AB", "format"),
    (make_id(area="990424"), "province"),
    (make_id(birth="19900231"), "birth_date"),
    (make_id(birth="18991231"), "birth_date"),
    (make_id(birth="20991231"), "birth_date"),
    (bad_check_digit(make_id()), "checksum"),
    (None, "format"),
    (12345, "format"),
])
def test_id_card_problems(number, problem):
    assert ids.check_id_card(number, today=date(2026, 11, 24)) == problem


def test_birth_date_in_future_relative_to_today():
    number = make_id(birth="20261201")
    assert ids.check_id_card(number, today=date(2026, 11, 24)) == "birth_date"
    assert ids.check_id_card(number, today=date(2026, 12, 1)) is None


def test_birth_date_and_gender():
    assert ids.birth_date_from_id(make_id(birth="19840229")) == date(1984, 2, 29)
    assert ids.gender_from_id(make_id(seq="123")) == "male"
    assert ids.gender_from_id(make_id(seq="124")) == "female"
    assert ids.gender_from_id("x") is None


digits = st.text(alphabet="0123456789", min_size=17, max_size=17)


@given(digits)
def test_id_check_char_agrees_with_stdnum(body):
    number = body + ids.id_check_char(body)
    assert ric.calc_check_digit(number) == number[-1]


@given(st.text(alphabet=ids.USCC_ALPHABET, min_size=17, max_size=17))
def test_uscc_check_char_agrees_with_stdnum(body):
    code = body + ids.uscc_check_char(body)
    assert uscc.calc_check_digit(body) == code[-1]


def test_uscc_problems():
    good = make_uscc()
    assert ids.check_uscc(good) is None
    assert ids.check_uscc(good[:-1] + ("0" if good[-1] != "0" else "1")) == "checksum"
    assert ids.check_uscc("91610424MA6X0000IO") == "format"   # I and O are not in the alphabet
    assert ids.check_uscc("123") == "format"
    assert ids.check_uscc(None) == "format"


@pytest.mark.parametrize("value, ok", [
    ("13800138000", True), ("19912345678", True), ("12800138000", False), ("1380013800", False), (138, False),
])
def test_mobile(value, ok):
    assert ids.is_valid_mobile(value) is ok


@pytest.mark.parametrize("value, ok", [
    ("0910-6512345", True), ("091006512345", True), ("029-88881234-8001", True), ("12345", True),
    ("13800138000", True), ("400-810-1234", True), ("6512345", False), ("abc", False), (None, False),
])
def test_phone(value, ok):
    assert ids.is_valid_phone(value) is ok


@pytest.mark.parametrize("value, problem", [
    ("610424", None), ("610424100001", None), ("61042", "format"), ("990424", "province"), (610424, "format"),
])
def test_region(value, problem):
    assert ids.check_region_code(value) == problem


def test_masks():
    assert ids.mask_id_number("610424199001011234") == "610***********1234"
    assert ids.mask_mobile("13800138000") == "138****8000"
    assert ids.mask_mobile("123") == "***"


def test_the_browser_and_the_server_share_one_set_of_identifier_tables():
    """The id_card field check (engine), valid_id_card (runtime/logic) and the browser's copy agree."""
    import re
    from pathlib import Path
    from runtime.logic import cn_ids, evaluate
    js = (Path(__file__).resolve().parents[2] / "runtime/static/js/logic-extra.js").read_text("utf-8")
    block = re.search(r"var PROVINCES = \{\};\s*\[([^\]]*)\]", js).group(1)
    assert set(re.findall(r'"(\d\d)"', block)) == set(cn_ids.PROVINCES) == set(ids.PROVINCES)
    assert re.search(r'var ID_CHECK_CHARS = "([^"]+)"', js).group(1) == ids.ID_CHECK_CHARS
    assert re.search(r'var USCC_CHARSET = "([^"]+)"', js).group(1) == ids.USCC_ALPHABET
    for prefix in range(100):
        body = f"{prefix:02d}0424199001011234"[:17]
        number = body + ids.id_check_char(body)
        server = ids.check_id_card(number, today=date(2026, 1, 1)) is None
        assert server == evaluate({"valid_id_card": number}), number
