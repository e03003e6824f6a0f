"""CompiledItem: a validated definition turned into ready-to-run closures, cached per checksum.

Compiling does the expensive work once per definition version (schema validation, lint,
JsonLogic compilation, regex compilation, dependency ordering of computed values), so a
pre-review run only evaluates small closures.
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass, field as dc_field
from functools import cached_property

from runtime import logic

from .definition import definition_checksum
from .definition_index import DefinitionIndex
from .fields import FieldCheck, build_check
from .problems import Problem, has_errors
from .validation import validate_definition


class DefinitionInvalid(ValueError):
    """Raised when compiling a definition that has error-severity problems."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        first = next(p for p in problems if p.severity == "error")
        super().__init__(f"事项定义无效:{first.path}: {first.message}(共 {len(problems)} 个问题)")


def _compiled(expr):
    return None if expr is None else logic.compile_rule(expr)


@dataclass
class CompiledField:
    check: FieldCheck
    required: bool
    required_if: object
    visible_if: object
    step_id: str
    sub_fields: list = dc_field(default_factory=list)   # group rows

    @property
    def id(self) -> str:
        return self.check.id


@dataclass
class CompiledStep:
    id: str
    title: str
    visible_if: object
    fields: list


@dataclass
class CompiledMaterial:
    spec: dict
    required_if: object

    @property
    def id(self) -> str:
        return self.spec["id"]


@dataclass
class CompiledRule:
    spec: dict
    when: object


@dataclass
class CompiledFee:
    spec: dict
    condition: object
    amount: object  # int fen or a compiled rule


@dataclass
class CompiledItem:
    doc: dict
    checksum: str
    index: DefinitionIndex
    steps: list
    fields: dict              # top-level field id -> CompiledField, in form order
    computed: list            # (id, compiled) in dependency order
    materials: list
    rules: list
    fees: list
    problems: list            # warnings kept for the builder

    @property
    def name(self) -> str:
        return self.doc["catalogue"]["name"]

    @property
    def implementation_code(self) -> str:
        return self.doc["implementation"]["implementation_code"]

    @property
    def time_limits(self) -> dict:
        return self.doc["time_limits"]

    @cached_property
    def required_fields(self) -> frozenset:
        """Top-level fields required whatever the answers."""
        return frozenset(f.id for f in self.fields.values() if f.required)

    @cached_property
    def row_conditions(self) -> dict:
        """Repeating group id -> {sub-field id: sub-field} for its sub-fields with a visible_if (pre-review
        settles those per row)."""
        out = {}
        for f in self.fields.values():
            conditional = {sub.id: sub for sub in f.sub_fields if sub.visible_if is not None}
            if conditional:
                out[f.id] = conditional
        return out


def compile_item(doc: dict, *, validate: bool = True) -> CompiledItem:
    problems = validate_definition(doc) if validate else []
    if has_errors(problems):
        raise DefinitionInvalid(problems)
    index = DefinitionIndex.build(doc)
    steps, fields = [], {}
    for step in doc["form"]["steps"]:
        compiled_fields = []
        for spec in step["fields"]:
            cf = _compile_field(spec, step["id"])
            cf.sub_fields = [_compile_field(sub, step["id"]) for sub in spec.get("fields", [])] \
                if spec["type"] == "group" else []
            compiled_fields.append(cf)
            fields[cf.id] = cf
        steps.append(CompiledStep(step["id"], step["title"], _compiled(step.get("visible_if")), compiled_fields))
    return CompiledItem(
        doc=doc,
        checksum=definition_checksum(doc),
        index=index,
        steps=steps,
        fields=fields,
        computed=_computed_in_order(doc),
        materials=[CompiledMaterial(m, _compiled(m.get("required_if"))) for m in doc.get("materials", [])],
        rules=[CompiledRule(r, logic.compile_rule(r["when"])) for r in doc.get("rules", []) or []],
        fees=[CompiledFee(f, _compiled(f.get("condition")),
                          f["amount"] if isinstance(f["amount"], int) else logic.compile_rule(f["amount"]))
              for f in doc.get("fees", []) or []],
        problems=problems,
    )


def _compile_field(spec: dict, step_id: str) -> CompiledField:
    return CompiledField(build_check(spec), bool(spec.get("required")), _compiled(spec.get("required_if")),
                         _compiled(spec.get("visible_if")), step_id)


def _computed_in_order(doc) -> list:
    """Computed values sorted so each is evaluated after the computed values it reads (lint
    guarantees there is no cycle)."""
    specs = {c["id"]: c for c in doc["form"].get("computed", []) or []}
    deps = {cid: [v.split(".")[1] for v in logic.referenced_vars(c["logic"])
                  if isinstance(v, str) and v.startswith("computed.") and v.split(".")[1] in specs]
            for cid, c in specs.items()}
    ordered, done = [], set()

    def visit(cid, trail=()):
        if cid in done or cid in trail:
            return
        for dep in deps[cid]:
            visit(dep, trail + (cid,))
        done.add(cid)
        ordered.append((cid, logic.compile_rule(specs[cid]["logic"])))

    for cid in specs:
        visit(cid)
    return ordered


class ItemCache:
    """A small thread-safe LRU of compiled published versions keyed by definition checksum.

    A published version was validated when it was published; it is not linted again here. A lint that
    grows stricter later (the cost limits of issue #17) must not take published items offline with a 500
    on every page: their conditions run under the evaluation budget, and one that runs out is a finding."""

    def __init__(self, size: int = 256):
        self.size = size
        self._items: OrderedDict[str, CompiledItem] = OrderedDict()
        self._lock = threading.Lock()

    def cached(self, checksum: str) -> CompiledItem | None:
        """The compiled item for a definition checksum if it is cached (callers then need not load it)."""
        with self._lock:
            item = self._items.get(checksum)
            if item is not None:
                self._items.move_to_end(checksum)
            return item

    def get(self, doc: dict, checksum: str | None = None) -> CompiledItem:
        key = checksum or definition_checksum(doc)
        with self._lock:
            item = self._items.get(key)
            if item is not None:
                self._items.move_to_end(key)
                return item
        item = compile_item(doc, validate=False)
        with self._lock:
            self._items[key] = item
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        return item


default_cache = ItemCache()
