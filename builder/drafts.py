"""The editable draft of an item: opened from the latest version, saved with optimistic locking,
published as the next immutable version, or replaced by an old version (restore). New items start
blank, from a basic-catalogue entry, or as a copy of another item."""
from __future__ import annotations

import copy
import json
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm.exc import StaleDataError

from runtime import audit
from runtime.extensions import db
from runtime.models import Department, Item, ItemDraft, ItemVersion

from .exchange.base_merge import BaseRef, remember_base
from .item_store import PublishResult, latest_version, publish

TEMPLATE = Path(__file__).resolve().parent / "new_item_template.json"


class DraftConflict(RuntimeError):
    """Someone saved the draft since it was opened; ``current`` is what they saved."""

    def __init__(self, current: ItemDraft):
        super().__init__("草稿已被他人修改")
        self.current = current


def open_draft(item: Item) -> ItemDraft:
    """The item's draft, created from its latest published version on first use."""
    if item.draft is not None:
        return item.draft
    version = latest_version(item)
    draft = ItemDraft(item=item, definition=copy.deepcopy(version.definition) if version else {},
                      based_on_version=version.number if version else None)
    db.session.add(draft)
    db.session.flush()
    return draft


def save_draft(item: Item, definition: dict, expected_lock: int, user_id: int | None) -> ItemDraft:
    """Replace the draft's definition if nobody saved since ``expected_lock``; else DraftConflict."""
    draft = open_draft(item)
    if draft.lock_version != expected_lock:
        raise DraftConflict(draft)
    draft.definition = definition
    draft.updated_by_id = user_id
    try:
        db.session.flush()  # the version_id_col check also stops a concurrent writer between read and write
    except StaleDataError:
        db.session.rollback()
        raise DraftConflict(db.session.get(ItemDraft, draft.id)) from None
    return draft


def publish_draft(item: Item, user_id: int | None, allowed_department_ids, note: str | None = None) -> PublishResult:
    draft = open_draft(item)
    if draft.definition.get("implementation", {}).get("implementation_code") != item.implementation_code:
        from .item_store import PublishRefused
        raise PublishRefused("草稿的实施编码与事项不一致;实施编码发布后不能修改,请新建事项")
    first = item.current_version is None
    merged = BaseRef.of(draft.pending_base)
    if merged is not None:  # the version history says which base versions this one merged
        note = f"{note};{merged.history_note()}" if note else merged.history_note()
    result = publish(draft.definition, user_id=user_id, note=note, allowed_department_ids=allowed_department_ids)
    draft.based_on_version = result.version.number
    if merged is not None:  # only now does the item's base move (also when the merge changed no content)
        remember_base(item, merged)
        draft.pending_base = None
    if first:
        item.online = True  # hidden while never published; open once it is (an admin can pause it)
    return result


def restore_version(item: Item, number: int, expected_lock: int, user_id: int | None) -> ItemDraft:
    version = db.session.scalar(select(ItemVersion).where(ItemVersion.item_id == item.id, ItemVersion.number == number))
    if version is None:
        raise LookupError(number)
    draft = save_draft(item, copy.deepcopy(version.definition), expected_lock, user_id)
    draft.pending_base = None  # a base update merged into the draft is discarded with it
    audit.record(db.session, "restore", "ItemDraft", draft.id, f"以第 {number} 版恢复 {item.name} 的草稿")
    return draft


def new_definition(department: Department, *, name: str, basic_code: str, task_type: str,
                   source: dict | None = None) -> dict:
    """A starting definition: a copy of ``source`` with new codes, or the blank template."""
    doc = copy.deepcopy(source) if source else json.loads(TEMPLATE.read_text("utf-8"))
    doc["version"] = 1
    doc["catalogue"].update(name=name, basic_code=basic_code, task_type=task_type)
    impl = doc["implementation"]
    impl["implementation_code"] = f"{department.code}4{basic_code}"
    impl["handle_item_code"] = f"{impl['implementation_code']}01"
    impl["implementing_body"] = {**impl.get("implementing_body", {}), "name": department.name,
                                 "credit_code": department.code}
    impl["department"] = {**impl.get("department", {}), "name": department.name, "code": department.code}
    docs = doc.setdefault("documents", {})
    docs["issuer"] = department.name
    if department.abbreviation:
        docs["abbreviation"] = department.abbreviation
    return doc


def create_item(definition: dict) -> Item:
    """An unpublished item holding only a draft (it appears nowhere public until published)."""
    code = definition["implementation"]["implementation_code"]
    if db.session.scalar(select(Item).where(Item.implementation_code == code)) is not None:
        raise ValueError(f"实施编码 {code} 已存在")
    from .item_store import department_for
    item = new_item_row(definition, department_for(definition).id)
    db.session.add(item)
    db.session.flush()
    return item


def new_item_row(definition: dict, department_id: int) -> Item:
    """An unpublished item and its draft, not yet added to the session (imports add many, then flush once)."""
    cat = definition["catalogue"]
    item = Item(implementation_code=definition["implementation"]["implementation_code"], basic_code=cat["basic_code"],
                name=cat["name"], task_type=cat["task_type"], department_id=department_id, online=False)
    item.draft = ItemDraft(definition=definition)
    return item
