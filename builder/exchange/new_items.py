"""Items an import creates as drafts, written in batches. Creating them one by one cost two flushes
and two lookups per item, which was most of the time a 385-item catalogue import spent applying."""
from __future__ import annotations

from sqlalchemy import select

from runtime import audit
from runtime.extensions import db
from runtime.models import Item

from ..drafts import new_item_row
from ..item_store import department_for


class ImportConflict(ValueError):
    """The item cannot be created (Chinese message); the caller refuses the whole import."""


class NewItems:
    BATCH = 100

    def __init__(self, codes, allowed_department_ids, user_id):
        self.allowed, self.user_id = allowed_department_ids, user_id
        self.departments: dict[str, int] = {}     # department code -> id, looked up once per import
        self.pending: list[tuple[Item, str]] = []
        codes = sorted(set(codes))
        self.taken = set(db.session.scalars(select(Item.implementation_code).where(
            Item.implementation_code.in_(codes)))) if codes else set()

    def add(self, definition: dict, name: str, pending_base: dict | None) -> None:
        code = definition["implementation"]["implementation_code"]
        if code in self.taken:  # created meanwhile (another admin) or by an earlier entry of this import
            raise ImportConflict(f"事项“{name}”不能存为草稿:实施编码 {code} 已存在")
        dept_code = definition["implementation"]["department"]["code"]
        if dept_code not in self.departments:
            self.departments[dept_code] = department_for(definition).id
        if self.allowed is not None and self.departments[dept_code] not in self.allowed:
            raise ImportConflict(f"事项“{name}”的办理部门不是您管理的部门,不能导入")
        item = new_item_row(definition, self.departments[dept_code])
        item.draft.updated_by_id = self.user_id
        item.draft.pending_base = pending_base  # moves to the item when the draft is published
        db.session.add(item)
        self.taken.add(code)
        self.pending.append((item, name))
        if len(self.pending) >= self.BATCH:
            self.flush()

    def flush(self) -> None:
        if not self.pending:
            return
        db.session.flush()
        for item, name in self.pending:
            audit.record(db.session, "import", "ItemDraft", item.id, f"导入 {name} 为草稿")
        self.pending = []
