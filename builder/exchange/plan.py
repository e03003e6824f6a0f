"""Import, step 1: a dry-run plan. Every item of a checked bundle is matched with this instance's
item and classified new / identical / update (with the field-level diff) / conflict / invalid,
with the definition that applying would write. Nothing is written here."""
from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select

from runtime.engine.definition import definition_checksum
from runtime.engine.definition_diff import diff_definitions
from runtime.engine.definition_merge import merge_definitions
from runtime.engine.problems import has_errors
from runtime.engine.validation import validate_definition
from runtime.extensions import db
from runtime.models import Item

from ..item_store import latest_version
from .bundle import Bundle
from .local_keys import merge_into, rekey

STATUS_LABELS = {"new": "新增", "identical": "相同", "update": "更新", "conflict": "冲突", "invalid": "有错误"}
CHOICES = ("draft", "replace", "skip")
CHOICE_LABELS = {"draft": "存为草稿", "replace": "直接发布新版本", "skip": "跳过"}


@dataclass
class PlanEntry:
    source_code: str
    target_code: str
    name: str
    status: str
    definition: dict
    item_id: int | None = None
    changes: list = field(default_factory=list)      # Change objects (target latest -> imported)
    problems: list = field(default_factory=list)     # Problem objects of the definition to write
    note: str = ""
    base: dict | None = None    # set when the item derives from the source (a provincial base item)
    skip_only: bool = False     # another entry of the bundle already writes this local item

    @property
    def default_choice(self) -> str:
        return {"new": "draft", "update": "draft"}.get(self.status, "skip")

    @property
    def allowed_choices(self) -> tuple:
        if self.status == "identical" or self.skip_only or not _storable(self.definition):
            return ("skip",)
        if self.status == "invalid" or has_errors(self.problems):
            return ("draft", "skip")
        return CHOICES

    def to_dict(self) -> dict:
        return {"source_code": self.source_code, "target_code": self.target_code, "name": self.name,
                "status": self.status, "status_label": STATUS_LABELS[self.status], "note": self.note,
                "default_choice": self.default_choice, "allowed_choices": list(self.allowed_choices),
                "changes": [c.text for c in self.changes],
                "problems": [p.to_dict() for p in self.problems if p.severity == "error"]}


def _storable(definition) -> bool:
    """Even a draft with errors needs the keys an Item row is made of."""
    cat = definition.get("catalogue") if isinstance(definition, dict) else None
    impl = definition.get("implementation") if isinstance(definition, dict) else None
    dept = impl.get("department") if isinstance(impl, dict) else None
    return (isinstance(cat, dict) and isinstance(cat.get("name"), str) and isinstance(impl, dict)
            and isinstance(impl.get("implementation_code"), str) and isinstance(dept, dict)
            and isinstance(dept.get("code"), str) and isinstance(dept.get("name"), str) and dept["code"] != "")


def plan_import(bundle: Bundle, *, department=None, mode: str = "catalogue",
                allowed_department_ids=None) -> list[PlanEntry]:
    """``department``: import into this department (codes re-keyed); None keeps the source's codes."""
    return list(iter_plan(bundle, department=department, mode=mode, allowed_department_ids=allowed_department_ids))


def iter_plan(bundle: Bundle, *, department=None, mode: str = "catalogue", allowed_department_ids=None):
    """Plan entries one by one (in code order), so a caller can report progress while planning."""
    targets: dict[str, str] = {}
    for code, source in sorted(bundle.definitions.items()):
        entry = _plan_one(code, source, department, mode, allowed_department_ids)
        first = targets.setdefault(entry.target_code, code)
        if first != code:  # two source items would write the same local item
            entry = PlanEntry(code, entry.target_code, entry.name, "conflict", entry.definition,
                              item_id=entry.item_id, note=f"与交换包中的事项 {first} 对应同一个本地事项,只能导入其中一个",
                              skip_only=True)
        yield entry


def _department_allowed(definition: dict, allowed) -> bool:
    from runtime.models import Department
    code = (definition.get("implementation") or {}).get("department", {}).get("code")
    dept = db.session.scalar(select(Department).where(Department.code == code)) if code else None
    return dept is not None and dept.id in allowed


def _plan_one(code, source, department, mode, allowed) -> PlanEntry:
    name = str((source.get("catalogue") or {}).get("name", code))[:200]
    source_problems = validate_definition(source)
    # A definition with errors can still be kept as a draft of the chosen department (skeletons are),
    # so it is re-keyed like any other; only one without the keys of an item row stops here.
    rekeyable = _storable(source) and isinstance((source.get("catalogue") or {}).get("basic_code"), str)
    if has_errors(source_problems) and (department is None or not rekeyable):
        return PlanEntry(code, code, name, "invalid", source, problems=source_problems,
                         note="交换包中的定义有错误")
    target_code = code if department is None else f"{department.code}4{source['catalogue']['basic_code']}"
    item = db.session.scalar(select(Item).where(Item.implementation_code == target_code))
    derived = department is not None and target_code != code
    if item is None:
        definition = source if department is None else rekey(source, department)
        if allowed is not None and not _department_allowed(definition, allowed):
            return PlanEntry(code, target_code, name, "conflict", definition,
                             note="该事项的办理部门不是您管理的部门,请选择导入到本部门", skip_only=True)
        problems = source_problems if definition is source else validate_definition(definition)
        status = "invalid" if has_errors(problems) else "new"
        return PlanEntry(code, target_code, name, status, definition, problems=problems,
                         base=source if derived else None)
    if item.base_code == code and item.base_definition and (allowed is None or item.department_id in allowed):
        return _plan_base_update(code, target_code, name, source, item)
    if allowed is not None and item.department_id not in allowed:
        return PlanEntry(code, target_code, name, "conflict", source, item_id=item.id,
                         note="该事项属于其他部门,无权导入", skip_only=True)
    latest = latest_version(item)
    current = latest.definition if latest else (item.draft.definition if item.draft else None)
    definition = merge_into(source, current, mode) if current is not None else source
    if current is not None and definition_checksum(definition) == definition_checksum(current):
        return PlanEntry(code, target_code, name, "identical", definition, item_id=item.id)
    # validation is the costly part of planning: skip it when the source's result applies
    problems = source_problems if definition_checksum(definition) == definition_checksum(source) \
        else validate_definition(definition)
    changes = diff_definitions(current, definition) if current is not None else []
    draft_edited = item.draft is not None and latest is not None and \
        definition_checksum(item.draft.definition) != latest.checksum
    status = "invalid" if has_errors(problems) else ("conflict" if draft_edited else "update")
    note = "目标事项有未发布的草稿修改,导入会覆盖草稿" if status == "conflict" else ""
    return PlanEntry(code, target_code, name, status, definition, item_id=item.id, changes=changes,
                     problems=problems, note=note)


def _plan_base_update(code, target_code, name, source, item) -> PlanEntry:
    """A new version of the base item this local item derives from: merge the base's changes in."""
    latest = latest_version(item)
    current = latest.definition if latest else item.draft.definition
    if definition_checksum(source) == definition_checksum(item.base_definition):
        return PlanEntry(code, target_code, name, "identical", current, item_id=item.id, note="基础事项没有变化")
    merged, conflicts = merge_definitions(item.base_definition, current, source)
    definition = merge_into(merged, current, "full")  # the county's implementation keys stay local
    problems = validate_definition(definition)
    note = "基础事项有新版本;下列为基础事项的变化,已合并到本地事项"
    if conflicts:
        note += f";{len(conflicts)} 处本地也修改过,保留了本地内容:" + "、".join(conflicts[:10])
    return PlanEntry(code, target_code, name, "invalid" if has_errors(problems) else "update", definition,
                     item_id=item.id, changes=diff_definitions(item.base_definition, source), problems=problems,
                     note=note, base=source)
