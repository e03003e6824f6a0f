"""The clerk queue as one SQL query per page: scoped, filtered and searched in the database, ordered on
an index and paged by keyset (the last row's sort key), so every case is reachable however many there
are, and a page costs the same on its first and its thousandth screen. It reads only the columns the
list shows (no definition JSON, no lazy loads).

Views: ``all`` (newest change first), ``overdue`` (deadline passed, most overdue first) and ``due_soon``
(deadline signal yellow, soonest first), both from the stored deadline columns
(runtime/casework/deadline_columns.py). Search matches the application number, the case number or the
applicant's name anywhere (a trigram index on PostgreSQL; SQLite scans the department's cases).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import and_, event, inspect, or_, select, tuple_
from sqlalchemy.orm import Session

from runtime.models import Application, Item, ItemVersion

PAGE_SIZE = 50
VIEWS = ("all", "overdue", "due_soon", "supplements")


@dataclass(frozen=True)
class Page:
    rows: list          # rows with the columns of COLUMNS (attribute access, as deadlines.signal reads them)
    next_after: str | None   # the cursor of the next page; None on the last page


COLUMNS = (Application.id, Application.number, Application.case_number, Application.applicant_name,
           Application.status, Application.updated_at, Application.submitted_at, Application.promised_date,
           Application.pauses, Application.tolerated_until, Application.supplemented_on, Application.due_on,
           Item.name.label("item_name"))


def _order(view: str):
    if view == "overdue":
        return (Application.due_on, Application.id), "asc"
    if view == "due_soon":
        return (Application.warn_on, Application.id), "asc"
    if view == "supplements":
        return (Application.tolerated_until, Application.id), "asc"
    return (Application.updated_at, Application.id), "desc"


def _cursor(row, view: str) -> str:
    key = {"overdue": row.due_on, "due_soon": getattr(row, "warn_on", None),
           "supplements": row.tolerated_until}.get(view) or row.updated_at.isoformat()
    return f"{key}~{row.id}"


def _parse_cursor(after: str | None, view: str):
    """The (sort value, id) of a cursor, or None for a missing or malformed one (the first page)."""
    if not after or "~" not in after or len(after) > 80:
        return None
    value, _, ident = after.rpartition("~")
    if not (ident.isascii() and ident.isdigit()):
        return None
    try:
        if view == "all":
            return datetime.fromisoformat(value), int(ident)
        return date.fromisoformat(value).isoformat(), int(ident)
    except ValueError:
        return None


def page(departments: list[int] | None, *, today: date, view: str = "all", status: str | None = None,
         item_id: int | None = None, query: str = "", after: str | None = None, size: int = PAGE_SIZE,
         session: Session) -> Page:
    """One page of the queue. ``departments`` None means every department (the system administrator)."""
    (first, second), direction = _order(view)
    columns = COLUMNS + ((Application.warn_on,) if view == "due_soon" else ())
    stmt = (select(*columns).join(ItemVersion, ItemVersion.id == Application.item_version_id)
            .join(Item, Item.id == ItemVersion.item_id).where(Application.status != "draft"))
    if departments is not None:
        stmt = stmt.where(Application.department_id.in_(departments))
    if status:
        stmt = stmt.where(Application.status == status)
    if item_id:
        stmt = stmt.where(ItemVersion.item_id == item_id)
    if view == "overdue":
        stmt = stmt.where(Application.due_on < today.isoformat())
    elif view == "due_soon":
        stmt = stmt.where(Application.warn_on <= today.isoformat(),
                          or_(Application.due_on >= today.isoformat(), Application.due_on.is_(None)))
    elif view == "supplements":   # 容缺待补: accepted, tolerated materials not yet recorded
        stmt = stmt.where(Application.status == "accepted", Application.tolerated_until.is_not(None),
                          Application.supplemented_on.is_(None))
    if query:
        stmt = stmt.where(or_(Application.number.contains(query, autoescape=True),
                              Application.case_number.contains(query, autoescape=True),
                              Application.applicant_name.contains(query, autoescape=True)))
    key = _parse_cursor(after, view)
    if key is not None:
        stmt = stmt.where(tuple_(first, second) < key if direction == "desc" else tuple_(first, second) > key)
    order = (first.desc(), second.desc()) if direction == "desc" else (first.asc(), second.asc())
    rows = session.execute(stmt.order_by(*order).limit(size + 1)).all()
    more = len(rows) > size
    rows = rows[:size]
    return Page(rows=rows, next_after=_cursor(rows[-1], view) if more else None)


def _name(applicant) -> str | None:
    name = (applicant or {}).get("name") if isinstance(applicant, dict) else None
    return str(name)[:200] if name else None


def _before_flush(session: Session, flush_context, instances) -> None:
    """Keep ``applicant_name`` (searched and listed) equal to the applicant's name in the JSON."""
    for obj in list(session.new) + list(session.dirty):
        if isinstance(obj, Application):
            state = inspect(obj)
            if state.pending or state.attrs.applicant.history.has_changes():
                obj.applicant_name = _name(obj.applicant)


def install() -> None:
    """Listen on every session once; safe to call for each app created in tests."""
    if not event.contains(Session, "before_flush", _before_flush):
        event.listen(Session, "before_flush", _before_flush)
