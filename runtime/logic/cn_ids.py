"""Check-character validation of Chinese identifiers for the ``valid_id_card`` / ``valid_uscc``
operations, and the one source of the identifier tables: ``runtime/engine/identifiers.py`` (the
``id_card`` and ``uscc`` field checks) imports them from here, and ``runtime/static/js/logic-extra.js``
repeats them (tests/engine/test_identifiers.py holds the three equal). Deliberately self-contained:
``runtime.engine`` imports this package, not the reverse.
"""
from __future__ import annotations

import re
from datetime import date

# GB 11643-1999 resident identity number.
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK_CHARS = "10X98765432"
# GB/T 2260 province-level codes, plus 71 Taiwan, 81/82 Hong Kong/Macao and 83 (台湾居民居住证).
PROVINCES = frozenset({
    "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
    "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65",
    "71", "81", "82", "83",
})
EARLIEST_BIRTH = date(1900, 1, 1)
_ID_SHAPE = re.compile(r"[0-9]{17}[0-9Xx]")

# GB 32100-2015 unified social credit code: 31 characters (no I, O, Z, S, V), value = index.
USCC_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_USCC_VALUES = {c: i for i, c in enumerate(USCC_CHARSET)}


def id_check_char(first17: str) -> str:
    return ID_CHECK_CHARS[sum(int(c) * w for c, w in zip(first17, ID_WEIGHTS)) % 11]


def id_birth_date(number) -> date | None:
    """Birth date (characters 7-14, YYYYMMDD) of an 18-character ID; checksum not checked."""
    if type(number) is not str or not _ID_SHAPE.fullmatch(number):
        return None
    try:
        return date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return None


def valid_id_card(number) -> bool:
    """18 characters, known province, birth date a real day from 1900-01-01, correct check
    character ("X" or "x"). No trimming; the birth date is not compared with today, so a result
    never depends on the clock."""
    born = id_birth_date(number)
    return (born is not None and born >= EARLIEST_BIRTH and number[:2] in PROVINCES
            and id_check_char(number[:17]) == number[17].upper())


def uscc_check_char(first17: str) -> str:
    total = sum(_USCC_VALUES[c] * w for c, w in zip(first17, USCC_WEIGHTS))
    return USCC_CHARSET[(31 - total % 31) % 31]


def valid_uscc(code) -> bool:
    """18 characters from the GB 32100 charset (upper case only) with the right check character."""
    if type(code) is not str or len(code) != 18 or any(c not in _USCC_VALUES for c in code):
        return False
    return uscc_check_char(code[:17]) == code[17]
