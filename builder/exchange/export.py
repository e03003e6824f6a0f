"""Export published items as bundles: one item, a selection, a department or everything.

Streams: published definitions are read in keyset chunks of CHUNK rows with only the columns a bundle
needs, each written into the zip at once (bundle_writer.py), so memory stays bounded by a chunk whatever
the count. A selection larger than one bundle may hold (limits.py) is refused before anything is written,
or written in parts, each of which import accepts."""
from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from sqlalchemy import and_, func, select

from runtime.extensions import db
from runtime.models import Department, Item, ItemVersion

from . import limits
from .bundle_writer import BundleWriter, PreparedItem

CHUNK = 200


class ExportRefused(ValueError):
    """The selection cannot be exported as asked; the message says why and what to do, in Chinese."""


@dataclass
class Selection:
    """Which published items to export; ``allowed_department_ids`` None means every department."""
    codes: tuple = ()
    department_code: str | None = None
    allowed_department_ids: list | None = None

    def where(self, stmt):
        stmt = stmt.where(Item.current_version.is_not(None))
        if self.codes:
            stmt = stmt.where(Item.implementation_code.in_(list(self.codes)))
        if self.department_code:
            stmt = stmt.join(Department, Item.department_id == Department.id).where(
                Department.code == self.department_code)
        if self.allowed_department_ids is not None:
            stmt = stmt.where(Item.department_id.in_(self.allowed_department_ids))
        return stmt

    def count(self) -> int:
        return db.session.scalar(self.where(select(func.count(Item.id))))

    def codes_found(self) -> set[str]:
        return set(db.session.scalars(self.where(select(Item.implementation_code))))

    def department_codes(self) -> list[str]:
        """The departments holding selected items, for an export per department."""
        stmt = self.where(select(Department.code).distinct().select_from(Item))
        if not self.department_code:
            stmt = stmt.join(Department, Item.department_id == Department.id)
        return list(db.session.scalars(stmt.order_by(Department.code)))

    def rows(self) -> Iterator[tuple[dict, int]]:
        """(definition, version number) of each selected item's latest version, in code order, CHUNK rows
        per query (keyset on the unique code: page 200 costs what page 1 costs)."""
        after = ""
        while True:
            stmt = self.where(select(Item.implementation_code, ItemVersion.number, ItemVersion.definition)
                              .select_from(Item).join(ItemVersion, and_(ItemVersion.item_id == Item.id,
                                                                        ItemVersion.number == Item.current_version)))
            chunk = db.session.execute(stmt.where(Item.implementation_code > after)
                                       .order_by(Item.implementation_code).limit(CHUNK)).all()
            for _, number, definition in chunk:
                yield definition, number
            if len(chunk) < CHUNK:
                return
            after = chunk[-1][0]


@dataclass
class Part:
    target: object
    items: int = 0
    files: int = 0


@dataclass
class ExportResult:
    parts: list = field(default_factory=list)


def refuse_oversized(total: int, part_size: int | None) -> None:
    """Said before anything is written: a single bundle holds at most MAX_ITEMS items."""
    if part_size is not None and not 1 <= part_size <= limits.MAX_ITEMS:
        raise ExportRefused(f"每部分的事项数应在 1 到 {limits.MAX_ITEMS:,} 之间")
    if part_size is None and total > limits.MAX_ITEMS:
        raise ExportRefused(f"所选的 {total:,} 个事项超过一个交换包可导入的上限({limits.summary_zh()})。"
                            "请按部门导出,或分部分导出(命令行 items export --part-size N)")


def write_parts(rows, open_part: Callable[[int], object], *, exporter: str, exported_at: str,
                part_size: int | None = None, progress=None, total: int = 0) -> ExportResult:
    """Write ``rows`` ((definition, number) in code order) into bundles: ``open_part(n)`` gives the n-th
    target (1-based). Without ``part_size`` everything must fit one bundle (ExportRefused otherwise, after
    which the caller removes what was written); with it, a part closes after ``part_size`` items or before
    a byte or value cap would be crossed. The store gives the attachments."""
    from runtime.stored_files import file_store
    store = file_store()
    result, writer = ExportResult(), None
    for n, (definition, number) in enumerate(rows, 1):
        item = PreparedItem.of(definition, number)
        if writer is not None and not writer.fits(item):
            if part_size is None:
                writer.close()
                raise ExportRefused(f"所选事项超过一个交换包可导入的上限({limits.summary_zh()})。"
                                    "请按部门导出,或分部分导出(命令行 items export --part-size N)")
            writer.close()
            writer = None
        if writer is None:
            result.parts.append(Part(open_part(len(result.parts) + 1)))
            writer = BundleWriter(result.parts[-1].target, exporter=exporter, exported_at=exported_at,
                                  size_of=store.size, read=store.read, max_items=part_size)
            if not writer.fits(item):
                sizes = list(writer.new_files(item).values())
                writer.close()
                raise ExportRefused(f"事项 {item.code} 无法导出:"
                                    f"{limits.item_alone_problem(len(item.text), item.values, sizes) or '超过一个交换包的上限'}")
        writer.add(item)
        result.parts[-1].items += 1
        result.parts[-1].files = len(writer.files)
        if progress:
            progress(n, total, item.listing["name"])
    if writer is not None:
        writer.close()
    return result


def select_items(codes=(), department_code: str | None = None, allowed_department_ids=None,
                 limit: int | None = None) -> list[Item]:
    """Item rows of a small selection (the builder's export list, at most ``limit``; tests)."""
    stmt = Selection(tuple(codes), department_code, allowed_department_ids).where(select(Item))
    return list(db.session.scalars(stmt.order_by(Item.implementation_code).limit(limit)))


def export_items(items: list[Item], *, exporter: str, exported_at: str, progress=None) -> bytes:
    """One bundle in memory, of a selection that fits one (the builder's download, tests)."""
    selection = Selection(tuple(i.implementation_code for i in items))
    out = io.BytesIO()
    refuse_oversized(len(items), None)
    write_parts(selection.rows() if items else iter(()), lambda n: out, exporter=exporter,
                exported_at=exported_at, progress=progress, total=len(items))
    return out.getvalue()
