"""The clerk's queue at a glance: how many cases wait for pre-review, for acceptance, for tolerated
materials, and how many are close to or past their deadline. The home page and the queue's filters
read these counts from ``queue_counts`` only, so one query (and later one index) serves both."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from runtime.engine.workdays import WorkCalendar
from runtime.extensions import db
from runtime.models import Application

from .deadlines import signal

OPEN_STATUSES = ("submitted", "reviewed", "needs_correction", "accepted")


@dataclass(frozen=True)
class QueueCounts:
    to_review: int = 0       # 待预审: submitted, no clerk has looked yet
    to_accept: int = 0       # 待受理: pre-review passed
    supplements: int = 0     # 容缺待补: accepted with materials still to come
    due_soon: int = 0        # 即将超期: a yellow deadline signal
    overdue: int = 0         # 已超期: a red deadline signal


def awaiting_supplements(application: Application) -> bool:
    return (application.status == "accepted" and bool(application.tolerated_until)
            and not application.supplemented_on)


def queue_counts(department_ids: list[int], *, today: date, calendar: WorkCalendar) -> QueueCounts:
    """Counts over the open cases of ``department_ids`` (the caller's scope)."""
    if not department_ids:
        return QueueCounts()
    rows = db.session.scalars(select(Application).where(Application.department_id.in_(department_ids),
                                                        Application.status.in_(OPEN_STATUSES))).all()
    levels = [getattr(signal(a, calendar, today), "level", None) for a in rows]
    return QueueCounts(to_review=sum(a.status == "submitted" for a in rows),
                       to_accept=sum(a.status == "reviewed" for a in rows),
                       supplements=sum(awaiting_supplements(a) for a in rows),
                       due_soon=levels.count("yellow"), overdue=levels.count("red"))
