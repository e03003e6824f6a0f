"""Recompute everything kept alongside the cases from the cases themselves: the applicant's name and the
deadline columns of every open case, and the statistics rollups. The 0017 migration runs it once; run
``flask cases rebuild`` after loading cases behind the ORM's back (bulk SQL, a restore) (idempotent)."""
from __future__ import annotations

from sqlalchemy import func, select, text, update

from runtime.engine.workdays import WorkCalendar

from . import bulk_rows, rollups
from .deadline_columns import columns

OPEN = ("submitted", "reviewed", "needs_correction", "accepted")


def applicant_names(connection) -> None:
    if connection.dialect.name == "postgresql":
        connection.execute(text("UPDATE application SET applicant_name = left(applicant::json->>'name', 200) "
                                "WHERE applicant_name IS DISTINCT FROM left(applicant::json->>'name', 200)"))
    else:
        connection.execute(text("UPDATE application SET applicant_name = substr(json_extract(applicant, '$.name'), 1, 200) "
                                "WHERE applicant_name IS NOT substr(json_extract(applicant, '$.name'), 1, 200)"))


def deadlines(connection, calendar: WorkCalendar) -> int:
    """Store the deadline columns of every open case; returns how many changed."""
    from runtime.models import Application
    table = Application.__table__
    query = (select(table.c.id, table.c.status, table.c.submitted_at, table.c.promised_date, table.c.pauses,
                    table.c.tolerated_until, table.c.supplemented_on, table.c.due_on, table.c.warn_on)
             .where(table.c.status.in_(OPEN)))
    changes = []
    for row in connection.execute(query).all():
        due, warn = columns(row, calendar)
        if (due, warn) != (row.due_on, row.warn_on):
            changes.append({"id": row.id, "due_on": due, "warn_on": warn})
    clear = update(table).where(table.c.status.not_in(OPEN), table.c.due_on.is_not(None) | table.c.warn_on.is_not(None))
    connection.execute(clear.values(due_on=None, warn_on=None, updated_at=table.c.updated_at, revision=table.c.revision))
    bulk_rows.update_applications(connection, changes, {"due_on": 10, "warn_on": 10})
    return len(changes)


def run(connection, calendar: WorkCalendar) -> dict:
    """Everything above in the transaction of ``connection``; returns what it did."""
    from runtime.models import CaseRollup
    applicant_names(connection)
    changed_deadlines = deadlines(connection, calendar)
    events = rollups.rebuild(connection, calendar)
    rows = connection.execute(select(func.count()).select_from(CaseRollup.__table__)).scalar()
    return {"deadlines": changed_deadlines, "events": events, "rollup_rows": rows}
