"""The working-day calendar the web layer uses: the bundled national calendar plus the holiday
schedules an administrator entered for later years (table calendar_year). Cached per process and
rebuilt when a committed write to the table moves its change counter (runtime/change_tracking.py)."""
from __future__ import annotations

from datetime import date

from flask import current_app
from sqlalchemy import select

from runtime import change_tracking
from runtime.engine.workdays import WorkCalendar, default_calendar
from runtime.extensions import db
from runtime.models import CalendarYear

COUNTER = "calendar"
change_tracking.watch(COUNTER, CalendarYear)


class ScheduleInvalid(ValueError):
    """A holiday schedule that cannot be used; ``problems`` are Chinese messages."""

    def __init__(self, problems: list[str]):
        super().__init__(";".join(problems))
        self.problems = problems


def calendar() -> WorkCalendar:
    key = change_tracking.current(db.engine, COUNTER)
    cached = current_app.extensions.get("yiwang_calendar")
    if cached and cached[0] == key:
        return cached[1]
    # Read after the counter: a schedule committed in between is included and moves the counter on.
    built = _build()
    current_app.extensions["yiwang_calendar"] = (key, built)
    return built


def _build() -> WorkCalendar:
    """The calendar as the session sees it (including its own uncommitted schedules)."""
    return build(db.session.connection())


def build(connection) -> WorkCalendar:
    """The bundled calendar with the schedules stored in the database ``connection`` reads."""
    built = default_calendar()
    table = CalendarYear.__table__
    for row in connection.execute(select(table.c.year, table.c.holidays, table.c.workdays).order_by(table.c.year)):
        if row.year <= built.last_year + 1:
            built = built.with_overrides(holidays=map(date.fromisoformat, row.holidays),
                                         workdays=map(date.fromisoformat, row.workdays), last_year=row.year)
    return built


def _dates(values, year: int, label: str, problems: list) -> list[date]:
    out = []
    for value in values if isinstance(values, list) else []:
        try:
            day = date.fromisoformat(str(value))
        except ValueError:
            problems.append(f"{label}中的“{value}”不是 YYYY-MM-DD 格式的日期")
            continue
        if day.year != year:
            problems.append(f"{label}中的 {day.isoformat()} 不属于 {year} 年")
        out.append(day)
    if not isinstance(values, list):
        problems.append(f"{label}应为日期列表")
    return out


def save_schedule(data: dict) -> CalendarYear:
    """Validate and store one year's schedule: {"year", "holidays": [...], "workdays": [...], "source"}."""
    problems: list[str] = []
    year = data.get("year") if isinstance(data, dict) else None
    if not isinstance(year, int) or isinstance(year, bool):
        raise ScheduleInvalid(["缺少年份(year),应为整数,如 2027"])
    bundled = default_calendar().last_year
    known = max([bundled] + list(db.session.scalars(select(CalendarYear.year))))
    if year <= bundled:
        problems.append(f"{year} 年的节假日安排已内置(内置到 {bundled} 年),不能覆盖")
    elif year > known + 1:
        problems.append(f"请先录入 {known + 1} 年的节假日安排,年份必须连续")
    holidays = _dates(data.get("holidays"), year, "放假日期", problems)
    workdays = _dates(data.get("workdays"), year, "调休上班日期", problems)
    if len(holidays) < 7:
        problems.append("放假日期过少:全年法定节假日至少 11 天(含元旦、春节、清明、劳动节、端午、中秋、国庆)")
    for day in workdays:
        if day.weekday() < 5:
            problems.append(f"调休上班日期 {day.isoformat()} 不是周末")
    both = sorted(set(holidays) & set(workdays))
    if both:
        problems.append("同一天既是放假日又是上班日:" + "、".join(d.isoformat() for d in both))
    source = str(data.get("source") or "").strip()
    if not source:
        problems.append("请注明依据(source),如国务院办公厅通知文号")
    if problems:
        raise ScheduleInvalid(problems)
    row = db.session.get(CalendarYear, year) or CalendarYear(year=year)
    row.holidays = sorted(d.isoformat() for d in holidays)
    row.workdays = sorted(d.isoformat() for d in workdays)
    row.source = source[:200]
    db.session.add(row)
    db.session.flush()
    from runtime.casework.deadline_columns import refresh_undetermined
    refresh_undetermined(db.session, _build())  # deadlines that waited for this year's holidays
    return row
