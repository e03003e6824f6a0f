"""What the public may see of one item: open for online applications, with a published version
(the list of them: catalogue_index.py)."""
from __future__ import annotations

from flask import abort
from sqlalchemy import select

from runtime.engine.compiled_item import CompiledItem, default_cache
from runtime.extensions import db
from runtime.models import Item, ItemVersion


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
