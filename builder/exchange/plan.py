"""Import, step 1: a dry-run plan. Every item of a checked bundle is matched with this instance's
item and classified new / identical / update (with the field-level diff) / conflict / invalid,
with the definition that applying would write. Nothing is written here."""
from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select

from runtime.engine.definition import definition_checksum
from runtime.engine.definition_diff import diff_definitions
from runtime.engine.problems import has_errors
from runtime.engine.validation import validate_definition
from runtime.extensions import db
from runtime.models import Item

from ..item_store import latest_version
from .base_merge import BaseRef, current_base, merge_base_update, unchanged
from .bundle import Bundle
from .local_keys import merge_into, rekey

STATUS_LABELS = {"new": "新增", "identical": "相同", "update": "更新", "conflict": "冲突", "unrelated": "不同事项",
                 "invalid": "有错误"}
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
    base: BaseRef | None = None  # set when the item derives from the source (a provincial base item)
    skip_only: bool = False     # another entry of the bundle already writes this local item
    draft_only: bool = False    # merged into a draft holding unpublished work: publishing is the admin's step
    needs_explicit_choice: bool = False  # another item than ours (不同事项): a default for all does not apply
    kept_local: list = field(default_factory=list)   # base updates: the source's changes the item does not take
    conflicts: list = field(default_factory=list)    # base updates: Conflict objects (both sides changed)

    @property
    def default_choice(self) -> str:
        return {"new": "draft", "update": "draft"}.get(self.status, "skip")

    @property
    def allowed_choices(self) -> tuple:
        if self.status == "identical" or self.skip_only or not _storable(self.definition):
            return ("skip",)
        if self.status == "invalid" or has_errors(self.problems) or self.draft_only:
            return ("draft", "skip")
        return CHOICES

    def to_dict(self) -> dict:
        return {"source_code": self.source_code, "target_code": self.target_code, "name": self.name,
                "status": self.status, "status_label": STATUS_LABELS[self.status], "note": self.note,
                "default_choice": self.default_choice, "allowed_choices": list(self.allowed_choices),
                "changes": [c.text for c in self.changes], "kept_local": [c.text for c in self.kept_local],
                "conflicts": [c.to_dict() for c in self.conflicts],
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
    versions = {i.get("implementation_code"): i.get("version") for i in bundle.manifest.get("items", [])
                if isinstance(i, dict)}
    for code, source in sorted(bundle.definitions.items()):
        version = versions.get(code)
        version = version if isinstance(version, int) and not isinstance(version, bool) else None
        entry = _plan_one(code, source, version, department, mode, allowed_department_ids)
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


def _plan_one(code, source, version, department, mode, allowed) -> PlanEntry:
    name = str((source.get("catalogue") or {}).get("name", code))[:200]
    # A definition with errors can still be kept as a draft of the chosen department (skeletons are),
    # so it is re-keyed like any other; only one without the keys of an item row stops here.
    rekeyable = _storable(source) and isinstance((source.get("catalogue") or {}).get("basic_code"), str)
    # Validation is most of planning's time: the source's own problems only matter when it is written
    # as it is (no department to re-key it into), so a re-keyed import validates what it writes, once.
    source_problems = validate_definition(source) if department is None or not rekeyable else None
    if source_problems is not None and has_errors(source_problems):
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
        problems = source_problems if definition is source and source_problems is not None \
            else validate_definition(definition)
        status = "invalid" if has_errors(problems) else "new"
        return PlanEntry(code, target_code, name, status, definition, problems=problems,
                         base=BaseRef(code, version, source) if derived else None)
    base, pending = current_base(item)
    if base is not None and base.code == code and (allowed is None or item.department_id in allowed):
        return _plan_base_update(code, target_code, name, source, version, item, base, pending)
    if allowed is not None and item.department_id not in allowed:
        return PlanEntry(code, target_code, name, "conflict", source, item_id=item.id,
                         note="该事项属于其他部门,无权导入", skip_only=True)
    entry = _plan_plain(code, target_code, name, source, source_problems, item, mode)
    unrelated = _unrelated(item, base, code, source)
    if unrelated and entry.status != "identical":
        entry.needs_explicit_choice, entry.note = True, unrelated + (f";{entry.note}" if entry.note else "")
        entry.status = "unrelated" if entry.status in ("update", "conflict") else entry.status
    return entry


def _unrelated(item, base, code, source) -> str:
    """Why the local item matched by code is not the same item as the bundle's ("" if it is)."""
    if base is not None and base.code != code:
        return (f"本地事项派生自另一个基础事项({base.code}),与交换包中的事项({code})来源不同;"
                "导入会用该事项的内容改写本地事项,请确认后明确选择")
    basic = (source.get("catalogue") or {}).get("basic_code")
    if item.basic_code and basic and item.basic_code != basic:
        return (f"基本编码不同(本地 {item.basic_code},交换包 {basic}),不是同一个基本目录事项;"
                "导入会用该事项的内容改写本地事项,请确认后明确选择")
    return ""


def _plan_plain(code, target_code, name, source, source_problems, item, mode) -> PlanEntry:
    """An item not derived from the source: the mode decides what the source's content replaces."""
    latest = latest_version(item)
    current = latest.definition if latest else (item.draft.definition if item.draft else None)
    definition = merge_into(source, current, mode) if current is not None else source
    if current is not None and definition_checksum(definition) == definition_checksum(current):
        return PlanEntry(code, target_code, name, "identical", definition, item_id=item.id)
    # validation is the costly part of planning: skip it when the source's result applies
    problems = source_problems if source_problems is not None and \
        definition_checksum(definition) == definition_checksum(source) else validate_definition(definition)
    changes = diff_definitions(current, definition) if current is not None else []
    draft_edited = item.draft is not None and latest is not None and \
        definition_checksum(item.draft.definition) != latest.checksum
    status = "invalid" if has_errors(problems) else ("conflict" if draft_edited else "update")
    note = "目标事项有未发布的草稿修改,导入会覆盖草稿" if status == "conflict" else ""
    return PlanEntry(code, target_code, name, status, definition, item_id=item.id, changes=changes,
                     problems=problems, note=note)


def _plan_base_update(code, target_code, name, source, version, item, base: BaseRef, pending: bool) -> PlanEntry:
    """A new version of the base item this local item derives from: merge the base's changes in,
    into the county's newest content (its draft, when it has one)."""
    latest = latest_version(item)
    draft = item.draft
    mine = draft.definition if draft is not None else latest.definition
    if unchanged(base, source):
        note = "基础事项没有变化" if not pending else "该版本已合并到本地草稿,发布草稿后生效"
        return PlanEntry(code, target_code, name, "identical", mine, item_id=item.id, note=note)
    merge = merge_base_update(base.definition, mine, source)
    problems = validate_definition(merge.definition)
    unpublished = draft is not None and (latest is None or definition_checksum(draft.definition) != latest.checksum)
    kept = [c.label for c in merge.kept_local] + [c.label for c in merge.conflicts if c.kept == "local"]
    if pending:  # the draft already merged a newer base than the published one: the history counts from there
        kept = base.kept_local + kept
    merged_base = BaseRef(code, version, source, from_version=base.from_version if pending else base.version,
                          kept_local=list(dict.fromkeys(kept)))
    since = f"第 {base.version} 版" if base.version else "上次合并的版本"
    to = f"第 {version} 版" if version else "新版本"
    note = (f"基础事项有新版本({since} → {to}):采用省级变化 {len(merge.applied)} 处,"
            f"保留本地 {len(merge.kept_local)} 处,双方都修改 {len(merge.conflicts)} 处")
    if pending:
        note += f";本地草稿中已合并{since}但尚未发布,本次在草稿的基础上继续合并,只能存为草稿"
    elif unpublished:
        note += ";本地草稿有未发布的修改,本次合并到草稿中,只能存为草稿"
    return PlanEntry(code, target_code, name, "invalid" if has_errors(problems) else "update", merge.definition,
                     item_id=item.id, changes=merge.applied, problems=problems, note=note, base=merged_base,
                     draft_only=unpublished, kept_local=merge.kept_local, conflicts=merge.conflicts)
