"""Import, step 2: apply the administrator's choices in one transaction — all or nothing."""
from __future__ import annotations

from sqlalchemy import select

from runtime import audit
from runtime.extensions import db
from runtime.file_types import MEDIA_TYPES, detect_format
from runtime.models import Item, StoredFile
from runtime.stored_files import file_store

from ..drafts import open_draft
from ..item_store import PublishRefused, publish
from .base_merge import remember_base
from .bundle import Bundle
from .new_items import ImportConflict, NewItems
from .plan import PlanEntry


class ImportRefused(ValueError):
    """Nothing was imported; the message says why (Chinese)."""


def apply_plan(bundle: Bundle, entries: list[PlanEntry], choices: dict[str, str], *, user_id=None,
               allowed_department_ids=None, progress=None) -> dict[str, int]:
    """``choices``: source code -> draft | replace | skip (missing: the entry's default). The caller
    commits; on ImportRefused the caller must roll back (nothing must stay half-imported)."""
    counts = {"draft": 0, "replace": 0, "skip": 0}
    for n, total, entry, choice in apply_steps(bundle, entries, choices, user_id=user_id,
                                               allowed_department_ids=allowed_department_ids):
        counts[choice] += 1
        if progress:
            progress(n, total, entry.name)
    return counts


def apply_steps(bundle: Bundle, entries: list[PlanEntry], choices: dict[str, str], *, user_id=None,
                allowed_department_ids=None):
    """Write the entries one by one, yielding (n, total, entry, choice) after each, so a caller can
    show progress; all in the caller's one transaction. Every choice is checked before anything is
    written."""
    for entry in entries:
        choice = choices.get(entry.source_code, entry.default_choice)
        if choice not in entry.allowed_choices:
            raise ImportRefused(f"事项“{entry.name}”不能选择“{choice}”(状态:{entry.status})")
    _store_files(bundle)
    new = NewItems([e.target_code for e in entries if e.item_id is None], allowed_department_ids, user_id)
    for n, entry in enumerate(entries, 1):
        choice = choices.get(entry.source_code, entry.default_choice)
        if choice == "replace":
            new.flush()  # publishing looks items up by code
            _publish(entry, user_id, allowed_department_ids)
        elif choice == "draft" and entry.item_id is None:
            try:
                new.add(entry.definition, entry.name, entry.base.to_json() if entry.base is not None else None)
            except ImportConflict as exc:
                raise ImportRefused(str(exc)) from None
        elif choice == "draft":
            _save_draft(entry, user_id, allowed_department_ids)
        yield n, len(entries), entry, choice
    new.flush()
    db.session.flush()


def _save_draft(entry: PlanEntry, user_id, allowed) -> None:
    item = db.session.get(Item, entry.item_id)
    if item is None:
        raise ImportRefused(f"事项“{entry.name}”在生成导入报告后已不存在,请重新上传交换包")
    if allowed is not None and item.department_id not in allowed:
        raise ImportRefused(f"事项“{entry.name}”属于其他部门,无权导入")
    draft = open_draft(item)
    draft.definition = entry.definition
    draft.updated_by_id = user_id
    # The merge waits in the draft: the item's base moves when the draft is published (drafts.publish_draft).
    draft.pending_base = entry.base.to_json() if entry.base is not None else None
    audit.record(db.session, "import", "ItemDraft", item.id, f"导入 {entry.name} 为草稿")


def _store_files(bundle: Bundle) -> None:
    store = file_store()
    for sha, data in bundle.files.items():
        blob = store.put(data)
        if db.session.scalar(select(StoredFile).where(StoredFile.sha256 == blob.sha256)) is None:
            fmt = detect_format(data)  # read_bundle refused anything else
            db.session.add(StoredFile(sha256=blob.sha256, size=blob.size, format=fmt, media_type=MEDIA_TYPES[fmt]))


def _publish(entry: PlanEntry, user_id, allowed) -> None:
    note = "导入" + (f":{entry.base.history_note()}" if entry.base is not None else "")
    try:
        result = publish(entry.definition, user_id=user_id, note=note, allowed_department_ids=allowed)
    except PublishRefused as exc:
        raise ImportRefused(f"事项“{entry.name}”不能发布:{exc}") from None
    item = result.item
    if entry.base is not None:
        remember_base(item, entry.base)
    if item.draft is not None:  # the draft's content (and any merge it held) is now in the published version
        item.draft.definition = entry.definition
        item.draft.based_on_version = result.version.number
        item.draft.pending_base = None
