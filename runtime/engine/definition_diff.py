"""A human-readable, field-level diff between two item definitions, in Chinese.

Lists of elements with stable ids (steps, fields, options by value, materials, rules, fees …) are
matched by id, so moving or inserting an element is not reported as every later element changing.
Labels come from the schema's Chinese titles plus each element's own name, e.g.
"申请材料“营业执照” › 份数 › 原件"."""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass

from .element_display import _resolve, _schema

_NAME_KEYS = ("label", "name", "title", "question", "law", "value")
_ATOMIC = frozenset({"visible_if", "required_if", "when", "logic", "condition", "amount"})  # JsonLogic: whole values


@dataclass
class Change:
    path: str          # JSON path, e.g. $.materials[id=business_licence].copies.original
    label: str         # Chinese, e.g. 申请材料“营业执照” › 份数 › 原件
    kind: str          # added | removed | changed | moved
    before: object = None
    after: object = None

    def to_dict(self) -> dict:
        return asdict(self)

    @property
    def text(self) -> str:
        verb = {"added": "新增", "removed": "删除", "changed": "修改", "moved": "调整顺序"}[self.kind]
        if self.kind == "changed":
            before, after = excerpts(self.before, self.after)
            return f"{verb} {self.label}:{before} → {after}"
        return f"{verb} {self.label}"


def _text(value) -> str:
    if isinstance(value, bool):
        return "是" if value else "否"
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def excerpts(before, after, limit: int = 60, context: int = 12) -> tuple[str, str]:
    """Both values as short texts. Long texts show the part that differs with ``context`` characters
    around it (not both cut at the same place, which hides a change near the end)."""
    old, new = _text(before), _text(after)
    if len(old) <= limit and len(new) <= limit:
        return old, new
    start = 0
    while start < min(len(old), len(new)) and old[start] == new[start]:
        start += 1
    end = 0  # length of the common tail, not overlapping the common head
    while end < min(len(old), len(new)) - start and old[-1 - end] == new[-1 - end]:
        end += 1
    return _window(old, start, len(old) - end, limit, context), _window(new, start, len(new) - end, limit, context)


def _window(text: str, start: int, stop: int, limit: int, context: int) -> str:
    """``text[start:stop]`` (the differing part, cut to ``limit``) with context on both sides."""
    first = max(0, start - context)
    middle = text[start:stop]
    if len(middle) > limit:
        middle = middle[: limit - 1] + "…"
    last = min(len(text), stop + context)
    return ("…" if first > 0 else "") + text[first:start] + middle + text[stop:last] + ("…" if last < len(text) else "")


def _key_of(items: list) -> str | None:
    """The identifying key of a list of objects: "id", or "value" for options."""
    if items and all(isinstance(x, dict) for x in items):
        for key in ("id", "value"):
            values = [x.get(key) for x in items]
            if all(isinstance(v, str) for v in values) and len(set(values)) == len(values):
                return key
    return None


def _same_key(old: list, new: list) -> str | None:
    if not old and not new:
        return None
    keys = {k for k in (_key_of(old), _key_of(new)) if k} if old and new else {_key_of(old or new)}
    return keys.pop() if len(keys) == 1 and None not in keys else None


def element_label(element: dict, node: dict) -> str:
    for key in _NAME_KEYS:
        if isinstance(element.get(key), str):
            return f"{node.get('title', '')}“{element[key]}”"
    return node.get("title", "")


def diff_definitions(old: dict, new: dict) -> list[Change]:
    """Every difference from ``old`` to ``new``, in document order."""
    changes: list[Change] = []
    _walk(old, new, "$", [], _schema(), changes)
    return changes


def _walk(old, new, path: str, labels: list, node: dict, out: list) -> None:
    node = _resolve(node)
    if isinstance(old, dict) and isinstance(new, dict):
        for key in list(old) + [k for k in new if k not in old]:
            sub = _resolve(node.get("properties", {}).get(key))
            label = labels + [sub.get("title") or key]
            if key not in new:
                out.append(Change(f"{path}.{key}", " › ".join(label), "removed", before=old[key]))
            elif key not in old:
                out.append(Change(f"{path}.{key}", " › ".join(label), "added", after=new[key]))
            elif key in _ATOMIC:
                if old[key] != new[key]:
                    out.append(Change(f"{path}.{key}", " › ".join(label), "changed", before=old[key], after=new[key]))
            else:
                _walk(old[key], new[key], f"{path}.{key}", label, sub, out)
    elif isinstance(old, list) and isinstance(new, list) and _same_key(old, new):
        key = _same_key(old, new)
        item_node = _resolve(node.get("items"))
        before = {x[key]: x for x in old}
        after = {x[key]: x for x in new}
        parent = labels[:-1]  # "申请材料 › 申请材料“施工合同”" reads better as "申请材料“施工合同”"
        for ident, element in before.items():
            name = parent + [element_label(element, item_node)]
            if ident not in after:
                out.append(Change(f"{path}[{key}={ident}]", " › ".join(name), "removed", before=element))
            else:
                _walk(element, after[ident], f"{path}[{key}={ident}]", name, item_node, out)
        for ident, element in after.items():
            if ident not in before:
                name = parent + [element_label(element, item_node)]
                out.append(Change(f"{path}[{key}={ident}]", " › ".join(name), "added", after=element))
        common_old = [x[key] for x in old if x[key] in after]
        common_new = [x[key] for x in new if x[key] in before]
        if common_old != common_new:
            out.append(Change(path, " › ".join(labels), "moved", before=common_old, after=common_new))
    elif isinstance(old, list) and isinstance(new, list) and len(old) == len(new) and old and \
            all(isinstance(x, dict) for x in old + new):
        item_node = _resolve(node.get("items"))  # no ids (e.g. legal bases): compare by position
        for i, (a, b) in enumerate(zip(old, new)):
            _walk(a, b, f"{path}[{i}]", labels[:-1] + [element_label(a, item_node)], item_node, out)
    elif old != new:
        out.append(Change(path, " › ".join(labels), "changed", before=old, after=new))
