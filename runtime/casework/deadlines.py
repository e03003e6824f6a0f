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


def signal(application, calendar: WorkCalendar, today: date) -> Signal | None:
    try:
        if application.status in ("submitted", "reviewed", "needs_correction") and application.submitted_at:
            received = local(application.submitted_at).date()
            due = calendar.add_working_days(received, NOTICE_DAYS)
            level = _level(calendar, today, due, 1)
            label = "告知期限已过,依法视为受理" if level == "red" else "一次性告知期限"
            return Signal(level, label, due.isoformat())
        if application.status == "accepted" and any(not p.get("end") for p in getattr(application, "pauses", None) or []):
            return Signal("ok", "特别程序中,暂停计时", "")  # the dates move on when the clock resumes
        if application.status == "accepted" and application.promised_date:
            due = date.fromisoformat(application.promised_date)
            level = _level(calendar, today, due, 2)
            return Signal(level, "已超过承诺办结日期" if level == "red" else "承诺办结日期", due.isoformat())
    except CalendarRangeError:
        return Signal("yellow", "节假日安排未录入,期限待定", "")
    return None
