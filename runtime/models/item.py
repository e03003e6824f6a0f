"""Service items, their immutable published versions and the one editable draft per item."""
from flask_appbuilder import Model
from sqlalchemy import (JSON, Boolean, Column, DateTime, ForeignKey, Index, Integer, String, UniqueConstraint,
                        event)
from sqlalchemy.orm import relationship

from .timestamps import utcnow


class Item(Model):
    """One service item of one department, identified by its 实施编码."""
    __tablename__ = "item"
    __table_args__ = (UniqueConstraint("implementation_code", name="uq_item_implementation_code"),
                      # the public catalogue: paged in this order, counted per department and per type
                      Index("ix_item_catalogue", "department_id", "name", "online", "current_version"),
                      Index("ix_item_task_type", "task_type", "online", "current_version"))
    __audited__ = "事项"

    id = Column(Integer, primary_key=True)
    implementation_code = Column(String(64), nullable=False)
    basic_code = Column(String(32))
    name = Column(String(200), nullable=False)
    task_type = Column(String(2))
    search_terms = Column(String(2000))  # keywords and pinyin of the published version (portal/search_keys.py)
    department_id = Column(Integer, ForeignKey("department.id"), nullable=False, index=True)
    online = Column(Boolean, default=True, nullable=False)   # false: 暂停网上办理
    current_version = Column(Integer)                        # latest published version number
    base_code = Column(String(64))       # the provincial base item this local item derives from (实施编码)
    base_definition = Column(JSON)       # the base version last merged in: the common ancestor for the next merge
    base_version = Column(Integer)       # its version number at the source (None: imported before it was recorded)
    created_at = Column(DateTime, default=utcnow, nullable=False)
    updated_at = Column(DateTime, default=utcnow, onupdate=utcnow, nullable=False)

    department = relationship("Department")
    versions = relationship("ItemVersion", back_populates="item", order_by="ItemVersion.number")
    draft = relationship("ItemDraft", back_populates="item", uselist=False)

    def __repr__(self) -> str:
        return f"{self.name}({self.implementation_code})"


class ItemVersion(Model):
    """A published definition. Never changed or deleted: applications point at the exact version."""
    __tablename__ = "item_version"
    __table_args__ = (UniqueConstraint("item_id", "number", name="uq_item_version_number"),)
    __audited__ = "事项版本"

    id = Column(Integer, primary_key=True)
    item_id = Column(Integer, ForeignKey("item.id"), nullable=False, index=True)
    number = Column(Integer, nullable=False)
    definition = Column(JSON, nullable=False)
    checksum = Column(String(64), nullable=False, index=True)
    schema_version = Column(String(10), nullable=False)
    published_by_id = Column(Integer, ForeignKey("ab_user.id"))
    published_at = Column(DateTime, default=utcnow, nullable=False)
    note = Column(String(500))

    item = relationship("Item", back_populates="versions")
    published_by = relationship("User")

    def __repr__(self) -> str:
        return f"{self.item.name if self.item else ''} 第 {self.number} 版"


class ItemVersionImmutable(RuntimeError):
    pass


@event.listens_for(ItemVersion, "before_update")
def _refuse_update(mapper, connection, target):
    raise ItemVersionImmutable("已发布的事项版本不可修改,请编辑草稿并发布新版本")


@event.listens_for(ItemVersion, "before_delete")
def _refuse_delete(mapper, connection, target):
    raise ItemVersionImmutable("已发布的事项版本不可删除")


class ItemDraft(Model):
    """The single editable working copy of an item. ``lock_version`` stops two admins silently
    overwriting each other (optimistic locking)."""
    __tablename__ = "item_draft"
    __table_args__ = (UniqueConstraint("item_id", name="uq_item_draft_item"),)
    __audited__ = "事项草稿"

    id = Column(Integer, primary_key=True)
    item_id = Column(Integer, ForeignKey("item.id"), nullable=False)
    definition = Column(JSON, nullable=False)
    based_on_version = Column(Integer)
    # A base update imported into this draft but not yet published: {"code", "version", "from_version",
    # "definition", "kept_local"}. Publishing the draft makes it the item's base; discarding the draft drops it.
    pending_base = Column(JSON)
    lock_version = Column(Integer, nullable=False, default=1)
    updated_by_id = Column(Integer, ForeignKey("ab_user.id"))
    updated_at = Column(DateTime, default=utcnow, onupdate=utcnow, nullable=False)

    item = relationship("Item", back_populates="draft")
    updated_by = relationship("User")
    __mapper_args__ = {"version_id_col": lock_version}

    def __repr__(self) -> str:
        return f"{self.item.name if self.item else ''}(草稿)"
