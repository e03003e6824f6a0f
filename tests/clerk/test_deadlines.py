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


def test_a_paused_clock_never_goes_red():
    paused = case(status="accepted", promised_date="2026-11-20",
                  pauses=[{"start": "2026-11-02", "end": "2026-11-04", "reason": "检测"},
                          {"start": "2026-11-16", "end": None, "reason": "专家评审"}])
    assert signal(paused, CAL, date(2026, 11, 30)).level == "ok"
    resumed = case(status="accepted", promised_date="2026-11-20",
                   pauses=[{"start": "2026-11-02", "end": "2026-11-04", "reason": "检测"}])
    assert signal(resumed, CAL, date(2026, 11, 30)).level == "red"


def test_receipt_day_is_the_day_in_beijing():
    # 23:30 UTC on Sun 09-27 is 07:30 on Mon 09-28 in Beijing: the same limit as a Monday receipt.
    assert signal(case(submitted_at=datetime(2026, 9, 27, 23, 30)), CAL, date(2026, 9, 29)).due == "2026-10-10"


def test_missing_holiday_year_is_flagged_not_guessed():
    late = case(submitted_at=datetime(2026, 12, 28, 9))
    assert signal(late, CAL, date(2026, 12, 29)).label == "节假日安排未录入,期限待定"


def test_tolerated_supplements_are_due_until_recorded():
    tolerated = case(status="accepted", promised_date="2026-11-20", tolerated_until="2026-11-06", supplemented_on=None)
    assert signal(tolerated, CAL, date(2026, 11, 2)).label == "容缺材料补齐期限"     # earlier than the promised date
    late = signal(tolerated, CAL, date(2026, 11, 9))
    assert (late.level, late.label) == ("red", "容缺材料逾期未补齐")
    done = case(status="accepted", promised_date="2026-11-20", tolerated_until="2026-11-06", supplemented_on="2026-11-05")
    assert signal(done, CAL, date(2026, 11, 9)).label == "承诺办结日期"
