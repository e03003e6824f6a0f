"""The clerk's queue at a glance: how many cases wait for pre-review, for acceptance, for tolerated
materials, and how many are close to or past their deadline. The home page and the queue's filters
read these counts from ``queue_counts`` only, so one query (and later one index) serves both."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, case, func, or_, select

from runtime.engine.workdays import WorkCalendar
from runtime.extensions import db
from runtime.models import Application

OPEN_STATUSES = ("submitted", "reviewed", "needs_correction", "accepted")


@dataclass(frozen=True)
class QueueCounts:
    to_review: int = 0       # 待预审: submitted, no clerk has looked yet
    to_accept: int = 0       # 待受理: pre-review passed
    supplements: int = 0     # 容缺待补: accepted with materials still to come
    due_soon: int = 0        # 即将超期: a yellow deadline signal
    overdue: int = 0         # 已超期: a red deadline signal


def queue_counts(department_ids: list[int], *, today: date, calendar: WorkCalendar) -> QueueCounts:
    """Counts over the open cases of ``department_ids`` (the caller's scope), in one grouped query on the
    stored deadline columns (runtime/casework/deadline_columns.py), as the queue's views filter them."""
    if not department_ids:
        return QueueCounts()
    day = today.isoformat()
    due_soon = and_(Application.warn_on <= day, or_(Application.due_on >= day, Application.due_on.is_(None)))
    waiting = and_(Application.status == "accepted", Application.tolerated_until.is_not(None),
                   Application.supplemented_on.is_(None))

    def count(condition):
        return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)

    row = db.session.execute(select(count(Application.status == "submitted"), count(Application.status == "reviewed"),
                                    count(waiting), count(due_soon), count(Application.due_on < day))
                             .where(Application.department_id.in_(department_ids),
                                    Application.status.in_(OPEN_STATUSES))).one()
    return QueueCounts(*(int(n) for n in row))
