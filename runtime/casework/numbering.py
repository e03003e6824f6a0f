"""Per-department, per-kind, per-year sequences for case numbers (受理编号), 文书编号 and the daily
申请编号, taken inside the caller's transaction, so two writers never get the same number and a rolled
back transaction gives its number back (no gaps).

The counter is bumped by one ``UPDATE … RETURNING``: on PostgreSQL that holds the row lock until the
caller commits (a concurrent taker waits, then sees the new value); SQLite serialises writers. The
first taker of a new sequence inserts the row with ``ON CONFLICT DO NOTHING``, so two first takers
cannot both insert it.
"""
from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from runtime.extensions import db
from runtime.models import NumberSequence

SEQUENCES = NumberSequence.__table__


def next_number(department_id: int, kind: str, year: int, start: Callable[[], int] | None = None) -> int:
    """The next number of the sequence. ``start`` (called once, when the sequence is new) gives the
    numbers already taken before the sequence existed."""
    key = ((SEQUENCES.c.department_id == department_id) & (SEQUENCES.c.kind == kind) & (SEQUENCES.c.year == year))
    bump = update(SEQUENCES).where(key).values(last=SEQUENCES.c.last + 1).returning(SEQUENCES.c.last)
    taken = db.session.execute(bump).scalar()
    if taken is None:
        insert = pg_insert if db.session.get_bind().dialect.name == "postgresql" else sqlite_insert
        db.session.execute(insert(SEQUENCES).values(department_id=department_id, kind=kind, year=year,
                                                    last=start() if start else 0)
                           .on_conflict_do_nothing(index_elements=["department_id", "kind", "year"]))
        taken = db.session.execute(bump).scalar()
    return taken
