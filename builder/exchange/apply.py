"""Import, step 2: apply the administrator's choices in one transaction — all or nothing."""
from __future__ import annotations

from sqlalchemy import select

from runtime import audit
from runtime.extensions import db
from runtime.file_types import MEDIA_TYPES, detect_format
from runtime.models import Item, StoredFile
from runtime.stored_files import file_store

from ..drafts import create_item, open_draft
from ..item_store import PublishRefused, publish
from .bundle import Bundle
from .plan import PlanEntry


class ImportRefused(ValueError):
    """Nothing was imported; the message says why (Chinese)."""


def apply_plan(bundle: Bundle, entries: list[PlanEntry], choices: dict[str, str], *, user_id=None,
               allowed_department_ids=None, progress=None) -> dict[str, int]:
    """``choices``: source code -> draft | replace | skip (missing: the entry's default). The caller
    commits; on ImportRefused the caller must roll back (nothing must stay half-imported)."""
    counts = {"draft": 0, "replace": 0, "skip": 0}
    for entry in entries:
        choice = choices.get(entry.source_code, entry.default_choice)
        if choice not in entry.allowed_choices:
            raise ImportRefused(f"事项“{entry.name}”不能选择“{choice}”(状态:{entry.status})")
    _store_files(bundle)
    for n, entry in enumerate(entries, 1):
        choice = choices.get(entry.source_code, entry.default_choice)
        if choice == "replace":
            try:
                publish(entry.definition, user_id=user_id, note="导入", allowed_department_ids=allowed_department_ids)
            except PublishRefused as exc:
                raise ImportRefused(f"事项“{entry.name}”不能发布:{exc}") from None
        elif choice == "draft":
            item = db.session.get(Item, entry.item_id) if entry.item_id else None
            if item is None:
                item = create_item(entry.definition)
            else:
                draft = open_draft(item)
                draft.definition = entry.definition
                draft.updated_by_id = user_id
            audit.record(db.session, "import", "ItemDraft", item.id, f"导入 {entry.name} 为草稿")
        if choice != "skip" and entry.base is not None:
            _remember_base(entry)
        counts[choice] += 1
        if progress:
            progress(n, len(entries), entry.name)
    db.session.flush()
    return counts


def _store_files(bundle: Bundle) -> None:
    store = file_store()
    for sha, data in bundle.files.items():
        blob = store.put(data)
        if db.session.scalar(select(StoredFile).where(StoredFile.sha256 == blob.sha256)) is None:
            fmt = detect_format(data)  # read_bundle refused anything else
            db.session.add(StoredFile(sha256=blob.sha256, size=blob.size, format=fmt, media_type=MEDIA_TYPES[fmt]))


def _remember_base(entry: PlanEntry) -> None:
    """Record the base version merged in: the common ancestor of the next provincial update."""
    db.session.flush()
    item = db.session.scalar(select(Item).where(Item.implementation_code == entry.target_code))
    item.base_code = entry.source_code
    item.base_definition = entry.base
