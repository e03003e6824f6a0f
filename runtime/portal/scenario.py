"""Which questions drive the material checklist and fees: the fields read by any material
``required_if`` or fee condition/amount, in form order. The scenario guide asks only these."""
from __future__ import annotations

from runtime import logic


def _answer_ids(expr) -> set[str]:
    ids = set()
    for path in logic.referenced_vars(expr) if expr is not None else []:
        if path.startswith("answers."):
            ids.add(path.split(".")[1])
    return ids


def scenario_fields(compiled) -> list:
    wanted = set()
    for material in compiled.doc.get("materials", []):
        wanted |= _answer_ids(material.get("required_if"))
    for fee in compiled.doc.get("fees", []) or []:
        wanted |= _answer_ids(fee.get("condition"))
        if not isinstance(fee.get("amount"), int):
            wanted |= _answer_ids(fee.get("amount"))
    choice_types = {"select", "radio", "checkbox_group", "yes_no", "number", "money", "region", "date"}
    return [f for f in compiled.fields.values() if f.id in wanted and f.check.type in choice_types]
