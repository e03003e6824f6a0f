"""Export published items as a bundle: one item, a selection, a department or everything."""
from __future__ import annotations

from sqlalchemy import select

from runtime.engine.file_refs import file_refs
from runtime.extensions import db
from runtime.models import Department, Item
from runtime.stored_files import file_store

from ..item_store import latest_version
from .bundle import write_bundle


def select_items(codes=(), department_code: str | None = None, allowed_department_ids=None) -> list[Item]:
    stmt = select(Item).where(Item.current_version.is_not(None))
    if codes:
        stmt = stmt.where(Item.implementation_code.in_(list(codes)))
    if department_code:
        stmt = stmt.join(Department, Item.department_id == Department.id).where(Department.code == department_code)
    if allowed_department_ids is not None:
        stmt = stmt.where(Item.department_id.in_(allowed_department_ids))
    return list(db.session.scalars(stmt.order_by(Item.implementation_code)))


def export_items(items: list[Item], *, exporter: str, exported_at: str, progress=None) -> bytes:
    pairs, files, store = [], {}, file_store()
    for n, item in enumerate(items, 1):
        version = latest_version(item)
        pairs.append((version.definition, version.number))
        for sha in file_refs(version.definition):
            if store.exists(sha):
                files[sha] = store.read(sha)
        if progress:
            progress(n, len(items), item.name)
    return write_bundle(pairs, files, exporter=exporter, exported_at=exported_at)
