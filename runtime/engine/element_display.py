"""Turn any part of a definition into labelled display rows using the schema's own Chinese titles
and enum labels, so the service guide shows every element the schema knows without a template per
key. Pure: schema + value in, nested rows out."""
from __future__ import annotations

from functools import lru_cache

from .schema import definition_schema

HIDDEN_KEYS = frozenset({"id", "visible_if", "required_if", "when", "logic", "condition", "amount"})


@lru_cache(maxsize=1)
def _schema() -> dict:
    return definition_schema()


def _resolve(node: dict | None) -> dict:
    node = node or {}
    while "$ref" in node:
        name = node["$ref"].rsplit("/", 1)[-1]
        merged = dict(_schema()["$defs"][name])
        merged.update({k: v for k, v in node.items() if k != "$ref"})
        node = merged
    for part in node.get("allOf", []):
        base = _resolve(part)
        node = {**base, **{k: v for k, v in node.items() if k != "allOf"},
                "properties": {**base.get("properties", {}), **node.get("properties", {})}}
    return node


def schema_node(*path: str) -> dict:
    """The schema node for a path of ``$defs`` name then property names, e.g. ("Guide", "result")."""
    node = _resolve({"$ref": f"#/$defs/{path[0]}"})
    for key in path[1:]:
        node = _resolve(node.get("properties", {}).get(key))
    return node


def enum_label(node: dict, value) -> str | None:
    labels = node.get("x-enum-labels") or _resolve(node.get("items")).get("x-enum-labels") or {}
    return labels.get(value) if isinstance(value, str) else None


def title(node: dict, key: str) -> str:
    return _resolve(node.get("properties", {}).get(key)).get("title") or key


def display(value, node: dict | None = None):
    """A scalar becomes text; a list a list; an object a list of (title, display) rows."""
    node = _resolve(node)
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, dict):
        rows = []
        for key, sub in value.items():
            if key in HIDDEN_KEYS or sub in (None, "", [], {}):
                continue
            sub_node = _resolve(node.get("properties", {}).get(key))
            rows.append((sub_node.get("title") or key, display(sub, sub_node)))
        return rows
    if isinstance(value, list):
        item_node = _resolve(node.get("items"))
        if "x-enum-labels" in node and "x-enum-labels" not in item_node:
            item_node = {**item_node, "x-enum-labels": node["x-enum-labels"]}
        return [display(v, item_node) for v in value]
    label = enum_label(node, value)
    return label if label else ("" if value is None else str(value))
