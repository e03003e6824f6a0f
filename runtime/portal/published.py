"""What the public may see: items open for online applications with a published version."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from flask import abort
from sqlalchemy import func, or_, select
from sqlalchemy.orm import defer, joinedload

from runtime.engine.compiled_item import CompiledItem, default_cache
from runtime.extensions import db
from runtime.models import Department, Item, ItemVersion

PAGE_SIZE = 20


@dataclass
class ItemPage:
    items: list
    total: int
    page: int
    pages: int


@cache
def _public() -> tuple:
    """The conditions for an item the public may see (built once, after the mappers are configured)."""
    return Item.online.is_(True), Item.current_version.is_not(None)


def search_items(query: str = "", department_id: int | None = None, task_type: str | None = None,
                 page: int = 1) -> ItemPage:
    where = list(_public())
    if department_id:
        where.append(Item.department_id == department_id)
    if task_type:
        where.append(Item.task_type == task_type)
    words = query.strip()[:50]
    if words:
        like = f"%{words.replace('%', '').replace('_', '')}%"
        where.append(or_(Item.name.like(like), Item.implementation_code.like(like), Item.basic_code.like(like)))
    total = db.session.scalar(select(func.count(Item.id)).where(*where))
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(max(page, 1), pages)
    # The department comes in the same query (not one query per row); the merge base is not shown.
    items = db.session.scalars(select(Item).where(*where)
                               .options(joinedload(Item.department), defer(Item.base_definition))
                               .order_by(Item.department_id, Item.name)
                               .offset((page - 1) * PAGE_SIZE).limit(PAGE_SIZE)).all()
    return ItemPage(items, total, page, pages)


@cache
def _facet_query():
    """Built once (after the mappers are configured): public items per department and type."""
    return (select(Department.id, Department.name, Item.task_type, func.count(Item.id))
            .join(Item, Item.department_id == Department.id).where(*_public())
            .group_by(Department.id, Department.name, Item.task_type)
            .order_by(Department.name, Department.id))


def facets() -> tuple[list, list]:
    """(departments with public items and their counts, task types with counts) for navigation,
    both from one grouped query."""
    departments, types = {}, {}   # departments keep the database's collation order of names
    for dept_id, name, task_type, count in db.session.execute(_facet_query()):
        departments[(dept_id, name)] = departments.get((dept_id, name), 0) + count
        types[task_type] = types.get(task_type, 0) + count
    return ([(i, n, c) for (i, n), c in departments.items()],
            sorted(types.items(), key=lambda row: (row[0] is None, row[0] or "")))


def public_item(item_id: int) -> tuple[Item, ItemVersion, CompiledItem]:
    """The item, its current version and the compiled definition, or 404."""
    item = db.session.get(Item, item_id)
    if item is None or not item.online or not item.current_version:
        abort(404)
    version = db.session.scalar(select(ItemVersion).where(ItemVersion.item_id == item.id,
                                                          ItemVersion.number == item.current_version))
    return item, version, compiled(version)


def compiled(version: ItemVersion) -> CompiledItem:
    """Compiled once per definition checksum; the (large) definition JSON is only read on a cache miss."""
    return default_cache.cached(version.checksum) or default_cache.get(version.definition, version.checksum)


def compiled_by_id(version_id: int, checksum: str) -> CompiledItem:
    """The same for a version known only by id and checksum (a DraftView)."""
    cached = default_cache.cached(checksum)
    if cached is not None:
        return cached
    with db.engine.connect() as conn:
        definition = conn.execute(select(ItemVersion.definition).where(ItemVersion.id == version_id)).scalar_one()
    return default_cache.get(definition, checksum)
