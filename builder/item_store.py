"""Publishing item definitions as immutable versions, and reading them back.

Publishing is idempotent: the same content (by canonical checksum) as the latest version creates
nothing new, so ``items load`` can run on every deploy.
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from runtime import audit
from runtime.engine.definition import definition_checksum
from runtime.engine.problems import Problem, has_errors
from runtime.engine.validation import validate_definition
from runtime.extensions import db
from runtime.models import Department, Item, ItemVersion
from runtime.portal.search_keys import search_terms


class PublishRefused(ValueError):
    """The definition has errors (``problems``) or may not be published by this user."""

    def __init__(self, message: str, problems: list[Problem] | None = None):
        self.problems = problems or []
        super().__init__(message)


@dataclass
class PublishResult:
    item: Item
    version: ItemVersion
    created: bool


def department_for(definition: dict) -> Department:
    """The 办理部门 named in the definition, created on first sight (departments are data)."""
    info = definition["implementation"]["department"]
    dept = db.session.scalar(select(Department).where(Department.code == info["code"]))
    if dept is None:
        dept = Department(code=info["code"], name=info["name"])
        db.session.add(dept)
        db.session.flush()
    return dept


def publish(definition: dict, *, user_id: int | None = None, note: str | None = None,
            allowed_department_ids: list[int] | None = None) -> PublishResult:
    """Validate and publish ``definition`` as the next version of its item (by 实施编码).

    ``allowed_department_ids`` restricts publishing to those departments (None: no restriction, for
    the CLI and system admins). The caller commits."""
    problems = validate_definition(definition)
    if has_errors(problems):
        raise PublishRefused(f"事项定义有 {sum(p.severity == 'error' for p in problems)} 个错误,不能发布", problems)
    code = definition["implementation"]["implementation_code"]
    item = db.session.scalar(select(Item).where(Item.implementation_code == code))
    dept = department_for(definition)
    if allowed_department_ids is not None:
        if dept.id not in allowed_department_ids or (item and item.department_id not in allowed_department_ids):
            raise PublishRefused("无权发布其他部门的事项")
    checksum = definition_checksum(definition)
    if item is not None and item.current_version:
        latest = latest_version(item)
        if latest is not None and latest.checksum == checksum:
            return PublishResult(item, latest, created=False)
    catalogue = definition["catalogue"]
    if item is None:
        item = Item(implementation_code=code)
        db.session.add(item)
    item.name = catalogue["name"]
    item.basic_code = catalogue.get("basic_code")
    item.task_type = catalogue.get("task_type")
    item.search_terms = search_terms(definition)
    item.department_id = dept.id
    number = (item.current_version or 0) + 1
    version = ItemVersion(item=item, number=number, definition=definition, checksum=checksum,
                          schema_version=definition["schema_version"], published_by_id=user_id, note=note)
    db.session.add(version)
    item.current_version = number
    db.session.flush()
    audit.record(db.session, "publish", "ItemVersion", version.id, f"发布 {item.name} 第 {number} 版",
                 after={"implementation_code": code, "number": number, "checksum": checksum})
    return PublishResult(item, version, created=True)


def latest_version(item: Item) -> ItemVersion | None:
    if not item.current_version:
        return None
    return db.session.scalar(select(ItemVersion).where(ItemVersion.item_id == item.id,
                                                       ItemVersion.number == item.current_version))


def latest_definition(implementation_code: str) -> dict | None:
    """The latest published definition of an item, or None if no such item is stored."""
    item = db.session.scalar(select(Item).where(Item.implementation_code == implementation_code))
    version = latest_version(item) if item else None
    return version.definition if version else None
