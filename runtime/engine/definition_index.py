"""An index over a schema-valid definition: every element by id, and every JsonLogic site.

Lint, compilation and pre-review all need "the field with id X" and "every condition in the
document"; building that once keeps the three in agreement about where things live.
"""
from __future__ import annotations

from dataclasses import dataclass, field as dc_field

from .problems import json_path

CHOICE_TYPES = frozenset({"select", "radio", "checkbox_group"})
APPLICANT_KEYS = frozenset({"type", "name", "id_type", "id_number", "mobile", "phone", "credit_code", "address",
                            "email", "legal_representative"})
MATERIAL_KEYS = frozenset({"provided", "files", "pledged", "shared"})


@dataclass(frozen=True)
class FieldInfo:
    id: str
    spec: dict
    path: tuple
    step_id: str
    group_id: str | None = None

    @property
    def type(self) -> str:
        return self.spec["type"]

    @property
    def label(self) -> str:
        return self.spec["label"]

    def option_values(self) -> list | None:
        if self.type == "yes_no":
            return [True, False]
        if self.type in CHOICE_TYPES:
            return [o["value"] for o in self.spec.get("options", [])]
        return None


@dataclass(frozen=True)
class LogicSite:
    """One JsonLogic expression in the document."""

    path: tuple          # location of the expression itself
    owner_kind: str      # step | field | computed | material | rule | fee
    owner_id: str
    key: str             # visible_if | required_if | logic | when | condition | amount
    expr: object
    group_id: str | None = None  # set for sub-fields of a group: `row.<sub_id>` is in scope

    @property
    def is_condition(self) -> bool:
        return self.key in ("visible_if", "required_if", "when", "condition")


@dataclass
class DefinitionIndex:
    doc: dict
    steps: dict = dc_field(default_factory=dict)       # id -> (spec, path)
    fields: dict = dc_field(default_factory=dict)      # id -> FieldInfo (top-level and sub-fields)
    computed: dict = dc_field(default_factory=dict)    # id -> (spec, path)
    materials: dict = dc_field(default_factory=dict)   # id -> (spec, path)
    rules: dict = dc_field(default_factory=dict)
    fees: dict = dc_field(default_factory=dict)
    logic_sites: list = dc_field(default_factory=list)
    duplicates: list = dc_field(default_factory=list)  # (kind, id, path, first_path)

    @classmethod
    def build(cls, doc: dict) -> "DefinitionIndex":
        index = cls(doc)
        index._index_form(doc.get("form", {}))
        for kind, key in (("material", "materials"), ("rule", "rules"), ("fee", "fees")):
            table = getattr(index, key)
            for i, spec in enumerate(doc.get(key, []) or []):
                index._add(table, kind, spec["id"], (spec, (key, i)), (key, i))
        for i, spec in enumerate(doc.get("materials", []) or []):
            index._site((("materials", i, "required_if")), "material", spec["id"], "required_if", spec)
        for i, spec in enumerate(doc.get("rules", []) or []):
            index._site((("rules", i, "when")), "rule", spec["id"], "when", spec)
        for i, spec in enumerate(doc.get("fees", []) or []):
            index._site(("fees", i, "condition"), "fee", spec["id"], "condition", spec)
            if isinstance(spec.get("amount"), dict):
                index._site(("fees", i, "amount"), "fee", spec["id"], "amount", spec)
        index._check_other_ids(doc)
        return index

    # -- building -----------------------------------------------------------------------------
    def _index_form(self, form: dict) -> None:
        for s, step in enumerate(form.get("steps", [])):
            step_path = ("form", "steps", s)
            self._add(self.steps, "step", step["id"], (step, step_path), step_path)
            self._site(step_path + ("visible_if",), "step", step["id"], "visible_if", step)
            for f, spec in enumerate(step.get("fields", [])):
                path = step_path + ("fields", f)
                self._add_field(FieldInfo(spec["id"], spec, path, step["id"]))
                for sub_i, sub in enumerate(spec.get("fields", []) if spec["type"] == "group" else []):
                    self._add_field(FieldInfo(sub["id"], sub, path + ("fields", sub_i), step["id"], spec["id"]))
        for c, spec in enumerate(form.get("computed", []) or []):
            path = ("form", "computed", c)
            self._add(self.computed, "computed", spec["id"], (spec, path), path)
            self._site(path + ("logic",), "computed", spec["id"], "logic", spec)

    def _add_field(self, info: FieldInfo) -> None:
        self._add(self.fields, "field", info.id, info, info.path)
        for key in ("visible_if", "required_if"):
            self._site(info.path + (key,), "field", info.id, key, info.spec, info.group_id)

    def _add(self, table: dict, kind: str, ident: str, value, path) -> None:
        if ident in table:
            first = table[ident].path if isinstance(table[ident], FieldInfo) else table[ident][1]
            self.duplicates.append((kind, ident, path, first))
            return
        table[ident] = value

    def _site(self, path, kind, owner_id, key, spec, group_id=None) -> None:
        if key in spec:
            self.logic_sites.append(LogicSite(tuple(path), kind, owner_id, key, spec[key], group_id))

    def _check_other_ids(self, doc: dict) -> None:
        """ids outside the form/materials/rules/fees: special procedures, process steps, FAQ, downloads."""
        groups = (
            ("special_procedure", ("time_limits", "special_procedures"), doc.get("time_limits", {}).get("special_procedures", [])),
            ("process", ("process",), doc.get("process", [])),
            ("faq", ("guide", "faq"), doc.get("guide", {}).get("faq", [])),
            ("download", ("guide", "downloads"), doc.get("guide", {}).get("downloads", [])),
        )
        for kind, base, items in groups:
            seen: dict = {}
            for i, spec in enumerate(items or []):
                self._add(seen, kind, spec["id"], (spec, base + (i,)), base + (i,))

    # -- queries ------------------------------------------------------------------------------
    def field(self, field_id: str) -> FieldInfo | None:
        return self.fields.get(field_id)

    def top_level_fields(self):
        return [f for f in self.fields.values() if f.group_id is None]

    def known_var(self, var: str, group_id: str | None = None) -> bool:
        """Whether ``var`` names something in the rule data context of this definition."""
        parts = var.split(".")
        head, rest = parts[0], parts[1:]
        if head == "today":
            return not rest
        if head == "answers":
            if not rest:
                return True
            info = self.fields.get(rest[0])
            if info is None or info.group_id is not None:
                return False
            if len(rest) == 1:
                return True
            if info.type == "group":  # answers.<group>.<index>[.<sub>]
                if not rest[1].isdigit() or len(rest) > 3:
                    return False
                return len(rest) == 2 or self._is_sub(rest[2], info.id)
            if info.type == "checkbox_group":
                return len(rest) == 2 and rest[1].isdigit()
            return False
        if head == "row":
            return group_id is not None and (not rest or (len(rest) == 1 and self._is_sub(rest[0], group_id)))
        if head == "computed":
            return len(rest) == 1 and rest[0] in self.computed
        if head == "applicant":
            return not rest or (len(rest) == 1 and rest[0] in APPLICANT_KEYS)
        if head == "materials":
            if not rest:
                return True
            return rest[0] in self.materials and (len(rest) == 1 or (len(rest) == 2 and rest[1] in MATERIAL_KEYS))
        if head == "licences":
            return len(rest) >= 1
        return False

    def _is_sub(self, sub_id: str, group_id: str) -> bool:
        info = self.fields.get(sub_id)
        return info is not None and info.group_id == group_id


def path_of(parts) -> str:
    return json_path(parts)
