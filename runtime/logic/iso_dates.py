"""Calendar arithmetic on ISO dates ("YYYY-MM-DD") for the date extra operations.

Pure calendar dates, no time zones: the JS twin uses the same integer arithmetic, never ``Date``
parsing, so browser and server agree whatever the clock's zone.
"""
from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def parse(value) -> date | None:
    """A ``date`` for a strict "YYYY-MM-DD" string of a real calendar day (year 1-9999), else None."""
    if type(value) is not str or not _ISO_DATE.fullmatch(value):
        return None
    try:
        return date(int(value[:4]), int(value[5:7]), int(value[8:10]))
    except ValueError:
        return None


def add_months(day: date, months: int) -> date | None:
    """Same day-of-month ``months`` later, clamped to the month's end (Jan 31 + 1 month = Feb 28/29)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    if not 1 <= year <= 9999:
        return None
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def add_days(day: date, days: int) -> date | None:
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return None


def full_years(start: date, end: date) -> int:
    """Completed years from start to end, age-style: a birthday not yet reached does not count.
    A Feb 29 birthday is reached on Mar 1 in common years. Negative (toward zero) if end < start."""
    if end < start:
        return -full_years(end, start)
    return end.year - start.year - ((end.month, end.day) < (start.month, start.day))
