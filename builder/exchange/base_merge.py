"""A new version of the base item (基础事项) a local item derives from, merged into the local item.

The common ancestor is the base version the local item's content already holds: the one its draft
merged (a pending merge, not yet published) or else the one its latest published version merged.
The county's newest content is its draft when it has one, else its latest version. The province's
changes (ancestor -> new base) are merged in three-way, element by element; then

- the basic catalogue (``catalogue.*``, 三级四同) is the source's, always: where the county's differs,
  the source's wins and the report says so;
- the county's implementation keys (local_keys.py) stay the county's;
- where both changed anything else differently, the county's content is kept and listed.

The report separates the province's changes into applied / kept local / conflicting. The base
itself only moves when a version holding the merge is published (apply.py, drafts.publish_draft)."""
from __future__ import annotations

import copy
import json
from dataclasses import asdict, dataclass, field

from runtime.engine.definition import definition_checksum
from runtime.engine.definition_diff import Change, diff_definitions, excerpts
from runtime.engine.definition_merge import merge_definitions
from runtime.engine.definition_paths import MISSING, label_of, steps, value_at

from .local_keys import LOCAL_KEYS, merge_into


@dataclass
class BaseRef:
    """A base version: the source's implementation code, its version number there (None when not
    recorded), and its definition."""
    code: str
    version: int | None
    definition: dict
    from_version: int | None = None     # the base version the merge started from (None: first import)
    kept_local: list = field(default_factory=list)   # labels of elements where the county's content stayed

    def to_json(self) -> dict:
        return asdict(self)

    @classmethod
    def of(cls, data) -> "BaseRef | None":
        if not isinstance(data, dict) or not isinstance(data.get("definition"), dict):
            return None
        return cls(data.get("code") or "", data.get("version"), data["definition"], data.get("from_version"),
                   list(data.get("kept_local") or []))

    def history_note(self) -> str:
        """For the version history: which base versions this version merged, and what stayed local."""
        to = f"第 {self.version} 版" if self.version else "新版本"
        text = (f"合并基础事项 {self.code} 第 {self.from_version} 版 → {to}" if self.from_version
                else f"取自基础事项 {self.code} {to}")
        if self.kept_local:
            text += ";保留本地:" + "、".join(self.kept_local)
        return text if len(text) <= 480 else text[:479] + "…"


def remember_base(item, base: BaseRef) -> None:
    """A published version of ``item`` now holds this base version: the ancestor of the next update."""
    item.base_code, item.base_definition, item.base_version = base.code, base.definition, base.version


def current_base(item) -> tuple[BaseRef | None, bool]:
    """(the base the item's newest content holds, whether that is a draft's pending merge)."""
    pending = BaseRef.of(item.draft.pending_base) if item.draft is not None else None
    if pending is not None:
        return pending, True
    if item.base_code and item.base_definition:
        return BaseRef(item.base_code, item.base_version, item.base_definition), False
    return None, False


@dataclass
class Conflict:
    """A place both sides changed differently (or a catalogue element the county changed)."""
    path: str
    label: str
    local: object
    source: object
    kept: str          # "source" (catalogue: 三级四同) or "local"

    @property
    def text(self) -> str:
        local, source = (excerpts(self.local, self.source) if self.local is not MISSING and self.source is not MISSING
                         else (_shown(self.local), _shown(self.source)))
        outcome = "采用省级内容(基本目录要素以来源为准)" if self.kept == "source" else "保留本地内容"
        return f"{self.label}:本地为“{local}”,省级为“{source}”;{outcome}"

    def to_dict(self) -> dict:
        return {"path": self.path, "label": self.label, "kept": self.kept, "text": self.text}


def _shown(value) -> str:
    if value is MISSING:
        return "(无)"
    return excerpts(value, value)[0]


@dataclass
class BaseMerge:
    definition: dict
    applied: list[Change]        # the province's changes that the local item takes
    kept_local: list[Change]     # the province's changes not taken: the county's implementation keys (or its own order)
    conflicts: list[Conflict]


def _is_local(path: str) -> bool:
    try:
        parts = steps(path)
    except ValueError:
        return False
    for section, key in LOCAL_KEYS:
        if parts[:1] == [("key", section)] and (key is None or parts[1:2] == [("key", key)]):
            return True
    return False


def _within(path: str, prefix: str) -> bool:
    return path == prefix or path.startswith(prefix + ".") or path.startswith(prefix + "[")


def _same(a, b) -> bool:
    if a is MISSING or b is MISSING:
        return a is b
    return json.dumps(a, sort_keys=True, ensure_ascii=False) == json.dumps(b, sort_keys=True, ensure_ascii=False)


def _taken(change: Change, result: dict, source: dict) -> bool:
    if change.kind == "moved":
        ids = [x.get("id", x.get("value")) for x in value_at(result, change.path) or [] if isinstance(x, dict)]
        return [i for i in ids if i in change.after] == change.after
    return _same(value_at(result, change.path), value_at(source, change.path))


def merge_base_update(ancestor: dict, mine: dict, source: dict) -> BaseMerge:
    """The local item's next definition and the report of what happened to each province change."""
    merged, paths = merge_definitions(ancestor, mine, source)
    definition = merge_into(merged, mine, "full")          # the county's implementation keys stay local
    conflicts = []
    if merged.get("catalogue") != source.get("catalogue"):  # 三级四同: the source's catalogue, always
        for change in diff_definitions({"catalogue": merged.get("catalogue")}, {"catalogue": source.get("catalogue")}):
            conflicts.append(Conflict(change.path, change.label, value_at(mine, change.path),
                                      value_at(source, change.path), "source"))
    definition["catalogue"] = copy.deepcopy(source["catalogue"])
    definition["schema_version"] = source.get("schema_version", definition.get("schema_version"))
    for path in paths:
        if not _is_local(path) and not _within(path, "$.catalogue"):
            conflicts.append(Conflict(path, label_of(path, mine, source), value_at(mine, path),
                                      value_at(source, path), "local"))
    applied, kept = [], []
    for change in diff_definitions(ancestor, source):
        if any(_within(change.path, c.path) or (change.kind != "moved" and _within(c.path, change.path))
               for c in conflicts):
            continue  # reported once, as a conflict
        if _taken(change, definition, source):
            applied.append(change)
        else:
            kept.append(change)
    return BaseMerge(definition, applied, kept, conflicts)


def unchanged(base: BaseRef, source: dict) -> bool:
    return definition_checksum(source) == definition_checksum(base.definition)
