"""Keep ``definition_file_ref`` (runtime/models/definition_file_ref.py) equal to the FileRefs the stored
definitions carry: after each flush, the rows of every definition written in it are replaced, in the same
transaction. A Core statement that writes a definition column bypasses this: run ``flask files rebuild-refs``
after one (a bulk load, a restore). A stale row only keeps a file longer; a missing one would let the sweep
remove a file in use, hence the rebuild."""
from __future__ import annotations

from sqlalchemy import JSON, Integer, column, delete, event, insert, inspect, select, table
from sqlalchemy.orm import Session

from runtime.engine.file_refs import file_refs
from runtime.models import DefinitionFileRef, Item, ItemDraft, ItemVersion

# owner name -> (model, its definition column)
OWNERS = {"version": (ItemVersion, "definition"), "draft": (ItemDraft, "definition"),
          "pending": (ItemDraft, "pending_base"), "base": (Item, "base_definition")}
_BY_MODEL: dict[type, list[tuple[str, str]]] = {}
for _owner, (_model, _column) in OWNERS.items():
    _BY_MODEL.setdefault(_model, []).append((_owner, _column))

CHUNK = 500   # definitions read at a time by the rebuild


def _rows(owner: str, owner_id: int, doc) -> list[dict]:
    return [{"owner": owner, "owner_id": owner_id, "sha256": sha} for sha in file_refs(doc)] if doc else []


def _after_flush(session: Session, flush_context) -> None:
    gone, rows = [], []
    for obj in session.deleted:
        gone += [(owner, obj.id) for owner, _ in _BY_MODEL.get(type(obj), ())]
    for obj in session.new | session.dirty:
        for owner, column in _BY_MODEL.get(type(obj), ()):
            # new rows, and changed columns (a reassignment, or an in-place change marked with flag_modified)
            if obj in session.new or inspect(obj).attrs[column].history.has_changes():
                gone.append((owner, obj.id))
                rows += _rows(owner, obj.id, getattr(obj, column))
    if not gone:
        return
    refs, connection = DefinitionFileRef.__table__, session.connection()
    for owner in {o for o, _ in gone}:
        connection.execute(delete(refs).where(refs.c.owner == owner,
                                              refs.c.owner_id.in_([i for o, i in gone if o == owner])))
    if rows:
        connection.execute(insert(refs), rows)


def rebuild(connection) -> int:
    """Recompute every row from the stored definitions, in keyset chunks of two columns (id and the
    definition), so memory stays bounded by a chunk. Returns the number of rows written."""
    refs = DefinitionFileRef.__table__
    connection.execute(delete(refs))
    written = 0
    for owner, (model, name) in OWNERS.items():
        source = table(model.__tablename__, column("id", Integer), column(name, JSON))
        last = 0
        while True:
            chunk = connection.execute(select(source.c.id, source.c[name]).where(source.c.id > last,
                                       source.c[name].isnot(None)).order_by(source.c.id).limit(CHUNK)).all()
            if not chunk:
                break
            rows = [r for row_id, doc in chunk for r in _rows(owner, row_id, doc)]
            if rows:
                connection.execute(insert(refs), rows)
                written += len(rows)
            last = chunk[-1][0]
    return written


def install() -> None:
    """Listen on every session once; safe to call for each app created in tests."""
    if not event.contains(Session, "after_flush", _after_flush):
        event.listen(Session, "after_flush", _after_flush)
