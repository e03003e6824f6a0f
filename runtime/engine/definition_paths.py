"""The JSON paths the diff and the three-way merge report (``$.materials[id=licence].copies``,
``$.catalogue.legal_basis[0].article``, ``$.form.steps[id=s].fields[id=f].options[value=a]``): what a
path points at in a definition, and its Chinese label as the version diff words it
("申请材料“营业执照” › 份数"), so a merge report never shows a raw path."""
from __future__ import annotations

import re

from .definition_diff import element_label
from .element_display import _resolve, _schema

MISSING = object()   # what a path points at when the definition has nothing there
_KEY = re.compile(r"\.([^.\[]+)")
_ELEMENT = re.compile(r"\[(\w+)=([^\]]*)\]|\[(\d+)\]")


def steps(path: str, doc=None) -> list[tuple]:
    """``$.a[id=x][0]`` -> [("key", "a"), ("match", "id", "x"), ("index", 0)]. Given the document the
    path was made from, a key holding "." or "[" (only invalid definitions have one) is read as that key."""
    out, pos, node = [], 1 if path.startswith("$") else 0, doc
    while pos < len(path):
        if path[pos] == ".":
            rest = path[pos + 1:]
            known = [k for k in node if isinstance(k, str) and k and rest.startswith(k)
                     and rest[len(k):][:1] in ("", ".", "[")] if isinstance(node, dict) else []
            match = None if known else _KEY.match(path, pos)
            if not known and match is None:
                raise ValueError(f"not a definition path: {path}")
            step = ("key", max(known, key=len) if known else match.group(1))
            pos += 1 + len(step[1])
        else:
            match = _ELEMENT.match(path, pos)
            if match is None:
                raise ValueError(f"not a definition path: {path}")
            step = ("match", match.group(1), match.group(2)) if match.group(1) is not None \
                else ("index", int(match.group(3)))
            pos = match.end()
        out.append(step)
        node = _step(node, step) if node is not None else None
        node = None if node is MISSING else node
    return out


def _steps_or_none(path: str, doc=None):
    try:
        return steps(path, doc)
    except ValueError:
        return None


def _step(value, step):
    if step[0] == "key":
        return value.get(step[1], MISSING) if isinstance(value, dict) else MISSING
    if not isinstance(value, list):
        return MISSING
    if step[0] == "index":
        return value[step[1]] if step[1] < len(value) else MISSING
    return next((x for x in value if isinstance(x, dict) and x.get(step[1]) == step[2]), MISSING)


def value_at(doc, path: str):
    """The value ``path`` points at in ``doc``, or MISSING."""
    value = doc
    for step in _steps_or_none(path, doc) or [("key", object())]:
        value = _step(value, step)
        if value is MISSING:
            return MISSING
    return value


def label_of(path: str, *docs) -> str:
    """The Chinese label of ``path``; element names are read from the first of ``docs`` that has
    the element (a removed element is named from the side that still has it)."""
    labels: list[str] = []
    node = _resolve(_schema())
    values = list(docs)
    parsed = _steps_or_none(path, next((d for d in docs if value_at(d, path) is not MISSING), None))
    if parsed is None:
        return path
    for step in parsed:
        if step[0] == "key":
            node = _resolve(node.get("properties", {}).get(step[1]))
            labels.append(node.get("title") or step[1])
        else:
            node = _resolve(node.get("items"))
            element = next((v for v in (_step(d, step) for d in values) if isinstance(v, dict)), None)
            name = element_label(element, node) if element is not None else node.get("title", "")
            labels = labels[:-1] + [name or f"{step[2] if step[0] == 'match' else step[1] + 1}"]
        values = [_step(d, step) for d in values]
    return " › ".join(labels)
