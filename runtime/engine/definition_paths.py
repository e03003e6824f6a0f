"""The JSON paths the diff and the three-way merge report (``$.materials[id=licence].copies``,
``$.catalogue.legal_basis[0].article``, ``$.form.steps[id=s].fields[id=f].options[value=a]``): what a
path points at in a definition, and its Chinese label as the version diff words it
("申请材料“营业执照” › 份数"), so a merge report never shows a raw path."""
from __future__ import annotations

import re

from .definition_diff import element_label
from .element_display import _resolve, _schema

MISSING = object()   # what a path points at when the definition has nothing there
_TOKEN = re.compile(r"\.([^.\[]+)|\[(\w+)=([^\]]*)\]|\[(\d+)\]")


def steps(path: str) -> list[tuple]:
    """``$.a[id=x][0]`` -> [("key", "a"), ("match", "id", "x"), ("index", 0)]."""
    out, pos = [], 1 if path.startswith("$") else 0
    while pos < len(path):
        match = _TOKEN.match(path, pos)
        if match is None:
            raise ValueError(f"not a definition path: {path}")
        if match.group(1) is not None:
            out.append(("key", match.group(1)))
        elif match.group(2) is not None:
            out.append(("match", match.group(2), match.group(3)))
        else:
            out.append(("index", int(match.group(4))))
        pos = match.end()
    return out


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
    for step in steps(path):
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
    for step in steps(path):
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
