"""Deadline signals: the 5-working-day notice limit after receipt and the promised completion date."""
from datetime import date, datetime
from types import SimpleNamespace

from runtime.casework.deadlines import signal
from runtime.engine.workdays import default_calendar

CAL = default_calendar()


def case(**kw):
    return SimpleNamespace(**{"status": "submitted", "submitted_at": datetime(2026, 9, 28, 10), "promised_date": None, **kw})


def test_notice_limit_counts_working_days_over_national_day():
    # Received Mon 2026-09-28: 29, 30 (2 days), 10-01..07 holiday, Thu 10-08 (3), Fri 10-09 (4), Sat 10-10 补班 (5).
    assert signal(case(), CAL, date(2026, 9, 29)).due == "2026-10-10"
    assert signal(case(), CAL, date(2026, 9, 29)).level == "ok"
    assert signal(case(), CAL, date(2026, 10, 9)).level == "yellow"
    red = signal(case(), CAL, date(2026, 10, 12))
    assert red.level == "red" and "视为受理" in red.label


def test_promised_date_of_accepted_cases():
    accepted = case(status="accepted", promised_date="2026-11-20")
    assert signal(accepted, CAL, date(2026, 11, 10)).level == "ok"
    assert signal(accepted, CAL, date(2026, 11, 19)).level == "yellow"
    assert signal(accepted, CAL, date(2026, 11, 23)).level == "red"
    assert signal(case(status="completed"), CAL, date(2026, 11, 23)) is None


def test_missing_holiday_year_is_flagged_not_guessed():
    late = case(submitted_at=datetime(2026, 12, 28, 9))
    assert signal(late, CAL, date(2026, 12, 29)).label == "节假日安排未录入,期限待定"
