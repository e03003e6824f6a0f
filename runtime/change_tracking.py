"""Change counters: a transaction that writes rows of a watched model bumps the model's named counter
(table ``change_counter``) just before it commits, in the same transaction. A rolled-back write bumps
nothing and a committed one is never missed, so a worker's cache of that data is current exactly while
the counter reads what it read when the cache was filled. Taking the counter's row lock last, right
before the commit, keeps it from ever being part of a lock cycle.

Writes through the ORM session are seen (flushes, and ``session.execute`` of ORM insert/update/delete
statements); Core statements on a bare connection are not: call ``bump`` in that transaction."""
from __future__ import annotations

from functools import cache

from sqlalchemy import bindparam, event, insert, select, update
from sqlalchemy.orm import Session

from runtime.fast_read import fetch_one
from runtime.models import ChangeCounter

_WATCHED: dict[type, set[str]] = {}
_PENDING = "yiwang_changed_counters"


def watch(name: str, *models: type) -> None:
    """Bump counter ``name`` whenever a transaction writes one of ``models``."""
    for model in models:
        _WATCHED.setdefault(model, set()).add(name)


def bump(connection, name: str) -> None:
    """Count one change of ``name`` in the transaction of ``connection``."""
    table = ChangeCounter.__table__
    bumped = connection.execute(update(table).where(table.c.name == name).values(value=table.c.value + 1))
    if bumped.rowcount == 0:   # a name the migrations did not create (they create the ones in use)
        connection.execute(insert(table).values(name=name, value=1))


@cache
def _counter_query():
    return select(ChangeCounter.value).where(ChangeCounter.name == bindparam("name"))


def current(engine, name: str) -> int:
    """The counter's committed value (0 before its first change)."""
    row = fetch_one(engine, _counter_query(), {"name": name})
    return row[0] if row else 0


def _note(session: Session, names: set[str]) -> None:
    session.info.setdefault(_PENDING, set()).update(names)


def _after_flush(session, flush_context):
    for obj in session.new | session.deleted:
        names = _WATCHED.get(type(obj))
        if names:
            _note(session, names)
    for obj in session.dirty:
        names = _WATCHED.get(type(obj))
        if names and session.is_modified(obj, include_collections=False):
            _note(session, names)


def _do_orm_execute(state):
    if state.is_insert or state.is_update or state.is_delete:
        mapper = state.bind_mapper
        names = _WATCHED.get(mapper.class_) if mapper is not None else None
        if names:
            _note(state.session, names)


def _before_commit(session):
    session.flush()  # pending writes first, so the counter is the last row this transaction locks
    for name in sorted(session.info.pop(_PENDING, ())):
        bump(session.connection(), name)


def _after_transaction_end(session, transaction):
    if transaction.parent is None:   # the outermost transaction ended without commit: forget its notes
        session.info.pop(_PENDING, None)


def install() -> None:
    """Listen on every session once; safe to call for each app created in tests."""
    for name, listener in (("after_flush", _after_flush), ("do_orm_execute", _do_orm_execute),
                           ("before_commit", _before_commit), ("after_transaction_end", _after_transaction_end)):
        if not event.contains(Session, name, listener):
            event.listen(Session, name, listener)
