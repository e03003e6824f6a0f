"""Chinese identifiers: resident ID numbers (GB 11643), unified social credit codes (GB 32100),
phone numbers and region codes (GB/T 2260).

Checks return ``None`` when the value is fine, else a short problem code that maps to a message in
``messages.py`` (``field.id_card.<code>``, ``field.uscc.<code>``), so each error says what is wrong.
"""
from __future__ import annotations

import re
from datetime import date

# One source for the tables, shared with the valid_id_card / valid_uscc operations (and the browser).
from runtime.logic.cn_ids import (EARLIEST_BIRTH, ID_CHECK_CHARS, ID_WEIGHTS, PROVINCES,  # noqa: F401
                                  USCC_WEIGHTS, id_check_char)
from runtime.logic.cn_ids import USCC_CHARSET as USCC_ALPHABET
ID_18 = re.compile(r"^\d{17}[\dX]$")
ID_15 = re.compile(r"^\d{15}$")
USCC = re.compile(r"^[0-9A-HJ-NPQRTUWXY]{18}$")
MOBILE = re.compile(r"^1[3-9]\d{9}$")
# Landline with area code (0910-6512345, 091006512345, optional extension) or a 5-digit hotline (12345).
LANDLINE = re.compile(r"^0\d{2,3}-?\d{7,8}(-\d{1,6})?$")
HOTLINE = re.compile(r"^(1\d{4}|400-?\d{3}-?\d{4}|800-?\d{3}-?\d{4})$")
REGION = re.compile(r"^(\d{6}|\d{12})$")


def _normalise(value) -> str:
    return value.strip().upper() if isinstance(value, str) else ""


def birth_date_from_id(number) -> date | None:
    number = _normalise(number)
    if not ID_18.match(number):
        return None
    try:
        return date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return None


def check_id_card(number, today: date | None = None) -> str | None:
    """None if ``number`` is a valid 18-digit resident ID number, else the first problem found."""
    number = _normalise(number)
    if ID_15.match(number):
        return "format_15"
    if not ID_18.match(number):
        return "format"
    if number[:2] not in PROVINCES:
        return "province"
    born = birth_date_from_id(number)
    if born is None or born < EARLIEST_BIRTH or born > (today or date.today()):
        return "birth_date"
    if id_check_char(number[:17]) != number[17]:
        return "checksum"
    return None


def is_valid_id_card(number, today: date | None = None) -> bool:
    return check_id_card(number, today) is None


def gender_from_id(number) -> str | None:
    """'male' or 'female' from the sequence digit (odd = male), None if malformed."""
    number = _normalise(number)
    if not ID_18.match(number):
        return None
    return "male" if int(number[16]) % 2 else "female"


def uscc_check_char(first17: str) -> str:
    total = sum(USCC_ALPHABET.index(c) * w for c, w in zip(first17, USCC_WEIGHTS))
    return USCC_ALPHABET[(31 - total % 31) % 31]


def check_uscc(code) -> str | None:
    """None if ``code`` is a valid unified social credit code, else 'format' or 'checksum'."""
    code = _normalise(code)
    if not USCC.match(code):
        return "format"
    if uscc_check_char(code[:17]) != code[17]:
        return "checksum"
    return None


def is_valid_uscc(code) -> bool:
    return check_uscc(code) is None


def is_valid_mobile(value) -> bool:
    return isinstance(value, str) and bool(MOBILE.match(value.strip()))


def is_valid_phone(value) -> bool:
    """A mobile number, a landline with area code, or a service hotline."""
    if not isinstance(value, str):
        return False
    value = value.strip().replace(" ", "")
    return bool(MOBILE.match(value) or LANDLINE.match(value) or HOTLINE.match(value))


def check_region_code(code) -> str | None:
    """None for a 6-digit (county) or 12-digit (village) GB/T 2260 style code with a known province."""
    if not isinstance(code, str) or not REGION.match(code.strip()):
        return "format"
    if code[:2] not in PROVINCES:
        return "province"
    return None


def mask_id_number(number) -> str:
    """Keep the first 3 and last 4 characters: enough for a clerk to match, useless to a thief."""
    number = _normalise(number)
    if len(number) <= 7:
        return "*" * len(number)
    return number[:3] + "*" * (len(number) - 7) + number[-4:]


def mask_mobile(value) -> str:
    value = value.strip() if isinstance(value, str) else ""
    if len(value) != 11:
        return "*" * len(value)
    return value[:3] + "****" + value[-4:]
