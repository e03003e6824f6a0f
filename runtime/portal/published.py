"""What the public may see: items open for online applications with a published version."""
from __future__ import annotations

from dataclasses import dataclass

from flask import abort
from sqlalchemy import func, or_, select

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


def _public():
    return select(Item).where(Item.online.is_(True), Item.current_version.is_not(None))


def search_items(query: str = "", department_id: int | None = None, task_type: str | None = None,
                 page: int = 1) -> ItemPage:
    stmt = _public()
    if department_id:
        stmt = stmt.where(Item.department_id == department_id)
    if task_type:
        stmt = stmt.where(Item.task_type == task_type)
    words = query.strip()[:50]
    if words:
        like = f"%{words.replace('%', '').replace('_', '')}%"
        stmt = stmt.where(or_(Item.name.like(like), Item.implementation_code.like(like),
                              Item.basic_code.like(like)))
    total = db.session.scalar(select(func.count()).select_from(stmt.subquery()))
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(max(page, 1), pages)
    items = db.session.scalars(stmt.order_by(Item.department_id, Item.name)
                               .offset((page - 1) * PAGE_SIZE).limit(PAGE_SIZE)).all()
    return ItemPage(items, total, page, pages)


def facets() -> tuple[list, list]:
    """(departments with public items and their counts, task types with counts) for navigation."""
    public = _public().subquery()
    departments = db.session.execute(
        select(Department.id, Department.name, func.count(public.c.id))
        .join(public, public.c.department_id == Department.id)
        .group_by(Department.id, Department.name).order_by(Department.name)).all()
    types = db.session.execute(select(public.c.task_type, func.count(public.c.id))
                               .group_by(public.c.task_type).order_by(public.c.task_type)).all()
    return departments, types


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
