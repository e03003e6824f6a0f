"""Working days on the Chinese holiday calendar, including 调休 make-up working days."""
from datetime import date

import chinese_calendar
import pytest
from hypothesis import given, settings, strategies as st

from runtime.engine.workdays import CalendarRangeError, Pause, WorkCalendar, default_calendar

cal = default_calendar()


def test_makeup_saturday_is_a_workday_and_holiday_weekday_is_not():
    assert cal.is_workday(date(2026, 2, 14))        # 补班 Saturday before 春节
    assert not cal.is_workday(date(2026, 2, 16))    # 春节 Monday
    assert not cal.is_workday(date(2026, 11, 28))   # ordinary Saturday
    assert cal.is_workday(date(2026, 11, 24))


def test_start_day_not_counted():
    # Tuesday + 1 working day = Wednesday; 0 = same day (当场办结).
    assert cal.add_working_days(date(2026, 11, 24), 1) == date(2026, 11, 25)
    assert cal.add_working_days(date(2026, 11, 24), 0) == date(2026, 11, 24)
    assert cal.add_working_days(date(2026, 11, 27), 1) == date(2026, 11, 30)  # over the weekend


def test_twenty_working_days_across_spring_festival():
    assert cal.add_working_days(date(2026, 2, 10), 20) == date(2026, 3, 16)
    assert cal.add_working_days(date(2026, 2, 10), 20) == chinese_calendar.find_workday(20, date(2026, 2, 10))


@settings(max_examples=200)
@given(st.dates(min_value=date(2005, 1, 1), max_value=date(2025, 10, 1)), st.integers(0, 60))
def test_agrees_with_chinese_calendar(start, n):
    assert cal.is_workday(start) == chinese_calendar.is_workday(start)
    if cal.is_workday(start):
        # find_workday first moves a rest-day start to the next working day and counts that as day 0;
        # we count the first working day after a rest-day receipt as day 1, so compare working starts.
        assert cal.add_working_days(start, n) == chinese_calendar.find_workday(n, start)


def test_natural_days_roll_forward_over_national_day():
    # 2026-09-26 + 5 natural days = 10-01, a holiday through 10-07, so the period ends on 10-08.
    assert cal.due_date(date(2026, 9, 26), 5, "natural_day") == date(2026, 10, 8)
    assert cal.due_date(date(2026, 11, 2), 5, "natural_day") == date(2026, 11, 9)  # Sat 11-07 → Mon 11-09


def test_count_start_day():
    assert cal.due_date(date(2026, 11, 24), 1, "working_day", count_start_day=True) == date(2026, 11, 24)
    assert cal.due_date(date(2026, 11, 24), 3, "working_day", count_start_day=True) == date(2026, 11, 26)
    # Received on a Saturday: the start day is not a working day, so counting starts on Monday.
    assert cal.due_date(date(2026, 11, 28), 1, "working_day", count_start_day=True) == date(2026, 11, 30)
    assert cal.due_date(date(2026, 11, 2), 5, "natural_day", count_start_day=True) == date(2026, 11, 6)


def test_pauses_are_not_counted():
    pause = Pause(date(2026, 11, 25), date(2026, 11, 27))  # Wed–Fri: 3 working days of 现场核查
    assert cal.add_working_days(date(2026, 11, 24), 2, pauses=[pause]) == date(2026, 12, 1)


def test_working_days_between():
    assert cal.working_days_between(date(2026, 2, 10), date(2026, 3, 16)) == 20
    assert cal.working_days_between(date(2026, 3, 16), date(2026, 2, 10)) == -20
    assert cal.working_days_between(date(2026, 11, 24), date(2026, 11, 24)) == 0


def test_beyond_loaded_years_refuses_with_chinese_message():
    with pytest.raises(CalendarRangeError) as exc:
        cal.add_working_days(date(2026, 12, 20), 20)
    assert exc.value.year == 2027
    assert "2027" in str(exc.value) and "节假日" in str(exc.value)


def test_overrides_and_round_trip():
    local = cal.with_overrides(holidays=[date(2026, 11, 25)], workdays=[date(2026, 11, 28)])
    assert not local.is_workday(date(2026, 11, 25))
    assert local.is_workday(date(2026, 11, 28))
    assert cal.is_workday(date(2026, 11, 25))  # the national calendar is untouched
    again = WorkCalendar.from_dict(local.to_dict())
    assert again == local
    extended = cal.with_overrides(holidays=[date(2027, 1, 1)], last_year=2027)
    assert extended.add_working_days(date(2026, 12, 31), 1) == date(2027, 1, 4)


def test_unknown_unit():
    with pytest.raises(ValueError):
        cal.due_date(date(2026, 11, 24), 1, "hour")
