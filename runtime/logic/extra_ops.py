"""Yiwang's extra operations, registered beside the standard ones. The JS twin in
``runtime/static/js/logic-extra.js`` behaves identically; the shared vector file proves it.

Every one is total: bad input gives null (or false for the ``valid_*`` checks), never an error,
so a half-filled form can always be evaluated.
"""
from __future__ import annotations

from . import cn_ids, iso_dates, utf16
from .js_semantics import UNDEFINED

_UNITS = ("day", "month", "year")


def _integer(n) -> int | None:
    """A whole JS number (3 or 3.0), else None: strings, booleans, NaN and fractions are refused."""
    t = type(n)
    if t is int:
        return n
    if t is float and n.is_integer():
        return int(n)
    return None


def op_length(x=UNDEFINED):
    """Length of a string (UTF-16 units, like JS ``.length``) or an array; anything else 0."""
    if type(x) is str:
        return utf16.length(x)
    if type(x) is list:
        return len(x)
    return 0


def op_date_add(day=UNDEFINED, n=UNDEFINED, unit=UNDEFINED):
    """ISO date plus n days, months or years; month/year steps clamp to the month's end."""
    start, count = iso_dates.parse(day), _integer(n)
    if start is None or count is None or unit not in _UNITS:
        return None
    if unit == "day":
        result = iso_dates.add_days(start, count)
    else:
        result = iso_dates.add_months(start, count * (12 if unit == "year" else 1))
    return None if result is None else result.isoformat()


def op_days_between(a=UNDEFINED, b=UNDEFINED):
    """Days from a to b (b - a; negative when b is earlier)."""
    start, end = iso_dates.parse(a), iso_dates.parse(b)
    if start is None or end is None:
        return None
    return (end - start).days


def op_years_between(a=UNDEFINED, b=UNDEFINED):
    """Completed years from a to b, age-style."""
    start, end = iso_dates.parse(a), iso_dates.parse(b)
    if start is None or end is None:
        return None
    return iso_dates.full_years(start, end)


def op_age_from_id(number=UNDEFINED, on=UNDEFINED):
    """Age in completed years on ISO date ``on`` of the holder of an 18-character resident ID.
    Null if the ID has no valid birth date, ``on`` is missing or invalid, or ``on`` precedes birth."""
    born, day = cn_ids.id_birth_date(number), iso_dates.parse(on)
    if born is None or day is None or day < born:
        return None
    return iso_dates.full_years(born, day)


def op_valid_id_card(number=UNDEFINED):
    return cn_ids.valid_id_card(number)


def op_valid_uscc(code=UNDEFINED):
    return cn_ids.valid_uscc(code)


# name -> (function, fixed arity)
EXTRA = {
    "length": (op_length, 1),
    "date_add": (op_date_add, 3),
    "days_between": (op_days_between, 2),
    "years_between": (op_years_between, 2),
    "age_from_id": (op_age_from_id, 2),
    "valid_id_card": (op_valid_id_card, 1),
    "valid_uscc": (op_valid_uscc, 1),
}
