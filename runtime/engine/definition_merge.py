"""Three-way merge of definitions: apply what changed from ``base`` to ``theirs`` onto ``mine``.

Used when a province publishes a new version of a base item a county derived its item from: the
county keeps its own changes where the province changed nothing, takes the province's changes where
the county changed nothing, and gets a list of the places both changed (its own content is kept
there). Lists of elements with ids merge element by element."""
from __future__ import annotations

import json

_MISSING = object()


def _same(a, b) -> bool:
    if a is _MISSING or b is _MISSING:
        return a is b
    return json.dumps(a, sort_keys=True, ensure_ascii=False) == json.dumps(b, sort_keys=True, ensure_ascii=False)


def _id_list(value) -> bool:
    return isinstance(value, list) and all(isinstance(x, dict) and isinstance(x.get("id"), str) for x in value)


def merge3(base, mine, theirs, path: str = "$", conflicts: list | None = None):
    """The merged value; ``conflicts`` collects JSON paths both sides changed differently."""
    conflicts = conflicts if conflicts is not None else []
    if _same(mine, theirs):
        return mine
    if _same(base, theirs):
        return mine
    if _same(base, mine):
        return theirs
    if isinstance(mine, dict) and isinstance(theirs, dict):
        base_dict = base if isinstance(base, dict) else {}
        out = {}
        for key in list(mine) + [k for k in theirs if k not in mine]:
            value = merge3(base_dict.get(key, _MISSING), mine.get(key, _MISSING), theirs.get(key, _MISSING),
                           f"{path}.{key}", conflicts)
            if value is not _MISSING:
                out[key] = value
        return out
    if _id_list(mine) and _id_list(theirs):
        base_by = {x["id"]: x for x in base} if _id_list(base) else {}
        mine_by, theirs_by = {x["id"]: x for x in mine}, {x["id"]: x for x in theirs}
        order = [x["id"] for x in mine]
        order += [x["id"] for x in theirs if x["id"] not in mine_by and x["id"] not in base_by]
        merged = []
        for ident in order:
            value = merge3(base_by.get(ident, _MISSING), mine_by.get(ident, _MISSING), theirs_by.get(ident, _MISSING),
                           f"{path}[id={ident}]", conflicts)
            if value is not _MISSING:
                merged.append(value)
        return merged
    conflicts.append(path)
    return mine


def merge_definitions(base: dict, mine: dict, theirs: dict) -> tuple[dict, list[str]]:
    conflicts: list[str] = []
    merged = merge3(base, mine, theirs, "$", conflicts)
    return merged, conflicts
