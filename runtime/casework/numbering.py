"""Per-department, per-kind, per-year sequences for case numbers (受理编号) and 文书编号, taken inside
the caller's transaction (row lock on PostgreSQL), so two clerks never get the same number."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from runtime.extensions import db
from runtime.models import NumberSequence


def next_number(department_id: int, kind: str, year: int) -> int:
    stmt = select(NumberSequence).where(NumberSequence.department_id == department_id, NumberSequence.kind == kind,
                                        NumberSequence.year == year).with_for_update()
    row = db.session.scalar(stmt)
    if row is None:
        # The year's first number: two first callers at once both find no row; the loser of the insert
        # (unique constraint) rolls back to its savepoint and locks the winner's row instead.
        try:
            with db.session.begin_nested():
                row = NumberSequence(department_id=department_id, kind=kind, year=year, last=0)
                db.session.add(row)
        except IntegrityError:
            row = db.session.scalar(stmt)
    row.last += 1
    db.session.flush()
    return row.last
