"""Deadline signals for the queue (行政许可法 arts. 32, 42, 82): the 5-working-day limit for the
one-time notice after receipt (missed = the application counts as accepted), and the promised
completion date of accepted cases. Yellow shortly before, red when passed."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from runtime.clock import local
from runtime.engine.workdays import CalendarRangeError, WorkCalendar

NOTICE_DAYS = 5


@dataclass(frozen=True)
class Signal:
    level: str      # "ok" | "yellow" | "red"
    label: str      # Chinese
    due: str        # ISO date


def _level(calendar: WorkCalendar, today: date, due: date, warn_days: int) -> str:
    if today > due:
        return "red"
    try:
        left = calendar.working_days_between(today, due)
    except CalendarRangeError:
        left = (due - today).days
    return "yellow" if left <= warn_days else "ok"


SEVERITY = {"ok": 0, "yellow": 1, "red": 2}


def _supplements(application, calendar: WorkCalendar, today: date) -> Signal | None:
    """容缺受理: the missing materials are due by ``tolerated_until`` until the clerk records them."""
    if not getattr(application, "tolerated_until", None) or getattr(application, "supplemented_on", None):
        return None
    level = _level(calendar, today, date.fromisoformat(application.tolerated_until), 1)
    return Signal(level, "容缺材料逾期未补齐" if level == "red" else "容缺材料补齐期限", application.tolerated_until)


def signal(application, calendar: WorkCalendar, today: date) -> Signal | None:
    """The most urgent deadline of the case: the earlier one when two are equally urgent, and on the same day
    the supplements, which the clerk has to chase."""
    try:
        main = _signal(application, calendar, today)
        extra = _supplements(application, calendar, today) if application.status == "accepted" else None
    except CalendarRangeError:
        return Signal("yellow", "节假日安排未录入,期限待定", "")
    candidates = [s for s in (extra, main) if s is not None]  # max keeps the first of equals
    return max(candidates, default=None, key=lambda s: (
        SEVERITY[s.level], -date.fromisoformat(s.due).toordinal() if s.due else float("-inf")))


def _signal(application, calendar: WorkCalendar, today: date) -> Signal | None:
    if application.status in ("submitted", "reviewed", "needs_correction") and application.submitted_at:
        received = local(application.submitted_at).date()
        due = calendar.add_working_days(received, NOTICE_DAYS)
        level = _level(calendar, today, due, 1)
        return Signal(level, "告知期限已过,依法视为受理" if level == "red" else "一次性告知期限", due.isoformat())
    if application.status == "accepted" and any(not p.get("end") for p in getattr(application, "pauses", None) or []):
        return Signal("ok", "特别程序中,暂停计时", "")  # the dates move on when the clock resumes
    if application.status == "accepted" and application.promised_date:
        due = date.fromisoformat(application.promised_date)
        level = _level(calendar, today, due, 2)
        return Signal(level, "已超过承诺办结日期" if level == "red" else "承诺办结日期", due.isoformat())
    return None
