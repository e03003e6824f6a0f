"""The deadline signal of runtime/casework/deadlines.py as two stored columns, so the overdue and due-soon
views are indexed queries over every open case (not a filter over the newest few hundred rows):

- ``due_on``: the earliest deadline of the case; the signal is red exactly while ``due_on < today``;
- ``warn_on``: the first day its signal is yellow; yellow exactly while ``warn_on <= today <= due_on``.

Neither depends on today, only on the case and the working-day calendar, so they are computed when the
case changes (a flush listener: every write path is covered) and again for the cases whose dates were
still undetermined when a later year's holidays are entered (``refresh_undetermined``). A case whose
deadline cannot be computed yet (the year's holidays are missing) has no ``due_on`` and a ``warn_on``
of the day that was found out: the signal shows it yellow, as "待定".
"""
from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import event, select
from sqlalchemy.orm import Session

from runtime import clock
from runtime.engine.workdays import CalendarRangeError, WorkCalendar

from .deadlines import NOTICE_DAYS

# The columns the signal reads: a change to any of them recomputes the stored deadline.
INPUTS = ("status", "submitted_at", "promised_date", "pauses", "tolerated_until", "supplemented_on")
MAX_WARN_SPAN = 60  # days walked back from a deadline (warnings are a few working days)


def _left(calendar: WorkCalendar, day: date, due: date) -> int:
    try:
        return calendar.working_days_between(day, due)
    except CalendarRangeError:
        return (due - day).days


def _warn_from(calendar: WorkCalendar, due: date, warn_days: int) -> date:
    """The first day on which ``deadlines._level`` says yellow for ``due`` (working days left ≤ warn_days)."""
    day = due
    for _ in range(MAX_WARN_SPAN):
        if _left(calendar, day - timedelta(days=1), due) > warn_days:
            break
        day -= timedelta(days=1)
    return day


def _deadlines(application, calendar: WorkCalendar) -> list[tuple[date, int]]:
    """(due date, warning working days) of each deadline the signal weighs; mirrors deadlines.signal."""
    out = []
    status = application.status
    if status in ("submitted", "reviewed", "needs_correction") and application.submitted_at:
        received = clock.local(application.submitted_at).date()
        out.append((calendar.add_working_days(received, NOTICE_DAYS), 1))
    if status == "accepted":
        paused = any(not p.get("end") for p in application.pauses or [])
        if application.promised_date and not paused:
            out.append((date.fromisoformat(application.promised_date), 2))
        if application.tolerated_until and not application.supplemented_on:
            out.append((date.fromisoformat(application.tolerated_until), 1))
    return out


def columns(application, calendar: WorkCalendar) -> tuple[str | None, str | None]:
    """(due_on, warn_on) of the case as ISO dates; (None, None) when no deadline runs."""
    try:
        found = _deadlines(application, calendar)
    except CalendarRangeError:
        return None, clock.today().isoformat()
    if not found:
        return None, None
    return (min(due for due, _w in found).isoformat(),
            min(_warn_from(calendar, due, w) for due, w in found).isoformat())


def _changed(session: Session, application) -> bool:
    from sqlalchemy import inspect
    state = inspect(application)
    return state.pending or any(state.attrs[name].history.has_changes() for name in INPUTS)


def _before_flush(session: Session, flush_context, instances) -> None:
    from runtime.models import Application
    touched = [obj for obj in list(session.new) + list(session.dirty) if isinstance(obj, Application)]
    todo = [a for a in touched if _changed(session, a)]
    if not todo:
        return
    from runtime import work_calendar
    with session.no_autoflush:
        calendar = work_calendar.calendar()
    for application in todo:
        application.due_on, application.warn_on = columns(application, calendar)


def refresh_undetermined(session: Session, calendar: WorkCalendar) -> int:
    """Recompute the cases whose deadline was undetermined (after a later year's holidays were entered)."""
    from runtime.models import Application
    rows = session.scalars(select(Application).where(Application.due_on.is_(None),
                                                     Application.warn_on.is_not(None))).all()
    for application in rows:
        application.due_on, application.warn_on = columns(application, calendar)
    return len(rows)


def install() -> None:
    """Listen on every session once; safe to call for each app created in tests."""
    if not event.contains(Session, "before_flush", _before_flush):
        event.listen(Session, "before_flush", _before_flush)
