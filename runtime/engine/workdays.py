"""Working-day calendar (工作日) for statutory and promised time limits.

A working day is Monday–Friday that is not a listed holiday or rest day, or a listed 补班 day
(调休). Periods follow 行政许可法 art. 82 and, by analogy, 民法典 art. 201/203: the start day is not
counted (configurable per item), and a natural-day period whose last day is a rest day ends on the
next working day.

The calendar only knows the years it has data for; asking beyond them raises
``CalendarRangeError`` instead of silently treating unknown holidays as working days.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

WORKING_DAY = "working_day"
NATURAL_DAY = "natural_day"
# Upper bound on days walked for one period: a promised limit of 3 years of working days is absurd.
MAX_SPAN_DAYS = 366 * 16   # the schema allows limits of 3,650 working days (about 14 years)


class CalendarRangeError(ValueError):
    """A date outside the years the calendar has holiday data for."""

    def __init__(self, year: int, first_year: int, last_year: int):
        self.year = year
        super().__init__(f"工作日历缺少 {year} 年的节假日安排(现有 {first_year}–{last_year} 年),"
                         f"请系统管理员补充后再计算期限")


@dataclass(frozen=True)
class Pause:
    """A stretch not counted in the time limit (特别程序, art. 45): both ends inclusive."""
    start: date
    end: date


@dataclass
class WorkCalendar:
    holidays: frozenset = field(default_factory=frozenset)   # weekdays or weekends that are rest days
    workdays: frozenset = field(default_factory=frozenset)   # weekend days that are working days (补班)
    first_year: int = 2004
    last_year: int = 2026

    def _check_year(self, day: date) -> None:
        if not self.first_year <= day.year <= self.last_year:
            raise CalendarRangeError(day.year, self.first_year, self.last_year)

    def _after(self, day: date) -> date:
        """The next day; after 9999-12-31 there is none (datetime raises OverflowError)."""
        if day == date.max:
            raise CalendarRangeError(day.year + 1, self.first_year, self.last_year)
        return day + timedelta(days=1)

    def is_workday(self, day: date) -> bool:
        self._check_year(day)
        if day in self.workdays:
            return True
        return day.weekday() < 5 and day not in self.holidays

    def next_workday(self, day: date) -> date:
        """``day`` itself if it is a working day, else the first working day after it."""
        for _ in range(MAX_SPAN_DAYS):
            if self.is_workday(day):
                return day
            day = self._after(day)
        raise CalendarRangeError(day.year, self.first_year, self.last_year)

    def add_working_days(self, start: date, count: int, *, pauses=()) -> date:
        """The date ``count`` working days after ``start`` (``start`` itself not counted).

        ``count`` 0 means the same day (当场办结). Days inside ``pauses`` are not counted."""
        day, left = start, count
        for _ in range(MAX_SPAN_DAYS):
            if left <= 0:
                return day
            day = self._after(day)
            if self.is_workday(day) and not _paused(day, pauses):
                left -= 1
        raise ValueError(f"期限过长:{count} 个工作日")

    def add_natural_days(self, start: date, count: int, *, pauses=()) -> date:
        """``count`` natural days after ``start``, plus paused days; a last day that is a rest day
        rolls forward to the next working day (民法典 art. 203)."""
        day, left = start, count
        for _ in range(MAX_SPAN_DAYS):
            if left <= 0:
                break
            day = self._after(day)
            if not _paused(day, pauses):
                left -= 1
        else:
            raise ValueError(f"期限过长:{count} 个自然日")
        return self.next_workday(day) if count > 0 else day

    def working_days_between(self, start: date, end: date) -> int:
        """Working days after ``start`` up to and including ``end`` (negative if ``end`` is earlier)."""
        if end < start:
            return -self.working_days_between(end, start)
        count, day = 0, start
        while day < end:
            day = self._after(day)
            count += self.is_workday(day)
        return count

    def due_date(self, start: date, value: int, unit: str, *, count_start_day: bool = False, pauses=()) -> date:
        """Last day of a period of ``value`` ``unit`` beginning on ``start``.

        With ``count_start_day`` the start day counts as day one when it is itself countable."""
        if count_start_day and value > 0:
            countable = self.is_workday(start) if unit == WORKING_DAY else True
            if countable and not _paused(start, pauses):
                # Counting from the day before makes the start day the first counted day.
                start = start - timedelta(days=1) if start != date.min else start
        if unit == WORKING_DAY:
            return self.add_working_days(start, value, pauses=pauses)
        if unit == NATURAL_DAY:
            return self.add_natural_days(start, value, pauses=pauses)
        raise ValueError(f"未知的期限单位:{unit}")

    # -- persistence and local changes -------------------------------------------------------------
    def to_dict(self) -> dict:
        return {
            "first_year": self.first_year,
            "last_year": self.last_year,
            "holidays": sorted(d.isoformat() for d in self.holidays),
            "workdays": sorted(d.isoformat() for d in self.workdays),
        }

    @classmethod
    def from_dict(cls, data: dict) -> "WorkCalendar":
        return cls(
            holidays=frozenset(date.fromisoformat(d) for d in data.get("holidays", [])),
            workdays=frozenset(date.fromisoformat(d) for d in data.get("workdays", [])),
            first_year=int(data["first_year"]),
            last_year=int(data["last_year"]),
        )

    def with_overrides(self, *, holidays=(), workdays=(), last_year: int | None = None) -> "WorkCalendar":
        """A copy with local rest days (e.g. ethnic holidays, closures) and extra 补班 days added.

        A day listed in one set is removed from the other, so the latest decision wins."""
        holidays, workdays = frozenset(holidays), frozenset(workdays)
        return WorkCalendar(
            holidays=(self.holidays - workdays) | holidays,
            workdays=(self.workdays - holidays) | workdays,
            first_year=self.first_year,
            last_year=max(self.last_year, last_year or self.last_year),
        )


def _paused(day: date, pauses) -> bool:
    return any(p.start <= day <= p.end for p in pauses)


@lru_cache(maxsize=1)
def default_calendar() -> WorkCalendar:
    """The national calendar from the ``chinesecalendar`` package (State Council schedules)."""
    from chinese_calendar.constants import holidays, workdays

    years = [d.year for d in holidays]
    return WorkCalendar(holidays=frozenset(holidays), workdays=frozenset(workdays),
                        first_year=min(years), last_year=max(years))
