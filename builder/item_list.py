"""The builder's item list as one SQL query per page: scoped, filtered and searched in the database, read
in (name, id) order and paged by keyset, so a system administrator reaches every one of a province's items
and a page reads 50 rows of six columns — no definition JSON, no per-row loads of department or draft."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import or_, select, tuple_

from runtime.extensions import db
from runtime.models import Department, Item, ItemDraft

PAGE_SIZE = 50


@dataclass(frozen=True)
class Page:
    rows: list
    next_after: str | None


def _cursor(after: str | None):
    """(name, id) of a cursor "<id>~<name>", or None for a missing or malformed one (the first page)."""
    if not after or "~" not in after or len(after) > 260:
        return None
    ident, _, name = after.partition("~")
    return (name, int(ident)) if ident.isascii() and ident.isdigit() else None


def page(departments: list[int] | None, *, query: str = "", task_type: str | None = None, status: str | None = None,
         after: str | None = None, size: int = PAGE_SIZE) -> Page:
    """``departments`` None: every department (the system administrator)."""
    stmt = (select(Item.id, Item.name, Item.implementation_code, Item.current_version, Item.online,
                   Department.name.label("department_name"), ItemDraft.id.label("draft_id"),
                   ItemDraft.based_on_version)
            .join(Department, Department.id == Item.department_id)
            .outerjoin(ItemDraft, ItemDraft.item_id == Item.id))
    if departments is not None:
        stmt = stmt.where(Item.department_id.in_(departments))
    if query:
        stmt = stmt.where(or_(Item.name.contains(query, autoescape=True),
                              Item.implementation_code.contains(query, autoescape=True)))
    if task_type:
        stmt = stmt.where(Item.task_type == task_type)
    if status == "unpublished":
        stmt = stmt.where(Item.current_version.is_(None))
    elif status:
        stmt = stmt.where(Item.current_version.is_not(None), Item.online.is_(status == "online"))
    key = _cursor(after)
    if key is not None:
        stmt = stmt.where(tuple_(Item.name, Item.id) > key)
    rows = db.session.execute(stmt.order_by(Item.name, Item.id).limit(size + 1)).all()
    more = len(rows) > size
    rows = rows[:size]
    return Page(rows, f"{rows[-1].id}~{rows[-1].name}" if more else None)
