"""Static questions about a rule, answered without evaluating it: what data it reads and which
operations are unknown. Used by the definition lint and the computed-value dependency order."""
from __future__ import annotations

from .js_semantics import to_string

_SCOPED = frozenset({"map", "filter", "all", "none", "some"})
_LITERAL_KEY = (str, int, float, bool)


def is_logic(value) -> bool:
    """jsonLogic.is_logic: a plain object with exactly one key."""
    return type(value) is dict and len(value) == 1


def _args(raw) -> list:
    return raw if type(raw) is list else [raw]


def referenced_vars(rule) -> list[str]:
    """Literal data paths the rule reads from the data root, de-duplicated, in order of appearance.

    The per-element rules of map/filter/all/none/some and reduce read the element (or
    ``{current, accumulator}``), not the root, so they are skipped; their array argument and
    reduce's initial value are included. Whole-data reads (``{"var": ""}``) are not reported, nor
    are computed paths, though the expressions computing them are searched.
    """
    found: dict[str, None] = {}

    def add(key):
        if type(key) in _LITERAL_KEY and key != "":
            found.setdefault(to_string(key), None)

    def walk(node):
        if type(node) is list:
            for item in node:
                walk(item)
            return
        if not is_logic(node):
            return
        (op, raw), = node.items()
        args = _args(raw)
        if op == "var":
            if args:
                first = args[0]
                if type(first) in _LITERAL_KEY:
                    add(first)
                else:
                    walk(first)
                for rest in args[1:]:
                    walk(rest)
        elif op == "missing":
            _missing_keys(args, add, walk)
        elif op == "missing_some":
            if args:
                walk(args[0])
            if len(args) > 1:
                _missing_keys(_args(args[1]), add, walk)
        elif op in _SCOPED:
            if args:
                walk(args[0])
        elif op == "reduce":
            if args:
                walk(args[0])
            if len(args) > 2:
                walk(args[2])
        else:
            for arg in args:
                walk(arg)

    walk(rule)
    return list(found)


def _missing_keys(args, add, walk):
    """Keys of missing: the arguments, or the elements of a leading array. Keys produced by the
    usual ``{"merge": [...]}`` / ``{"if": [...]}`` idiom are followed to their literal values."""
    keys = args[0] if args and type(args[0]) is list else args
    for key in keys:
        _possible_keys(key, add, walk)


def _possible_keys(node, add, walk):
    if type(node) in _LITERAL_KEY:
        add(node)
    elif type(node) is list:  # [path, default]
        if node and type(node[0]) in _LITERAL_KEY:
            add(node[0])
            walk(node[1:])
        else:
            walk(node)
    elif is_logic(node):
        (op, raw), = node.items()
        args = _args(raw)
        if op == "merge":
            for arg in args:
                for item in (arg if type(arg) is list else [arg]):
                    _possible_keys(item, add, walk)
        elif op in ("if", "?:"):
            for i, arg in enumerate(args):
                is_condition = i % 2 == 0 and i != len(args) - 1
                if is_condition:
                    walk(arg)
                else:
                    for item in (arg if type(arg) is list else [arg]):
                        _possible_keys(item, add, walk)
        else:
            walk(node)


def unknown_operations(rule, known=None) -> list[tuple[tuple, str]]:
    """Every one-key object whose key is not an operation, with its path from the rule root:
    ``{"and": [true, {"foo": 1}]}`` gives ``[(("and", 1), "foo")]``."""
    if known is None:
        from .compiler import KNOWN_OPERATIONS as known
    found: list[tuple[tuple, str]] = []

    def walk(node, path):
        if type(node) is list:
            for i, item in enumerate(node):
                walk(item, path + (i,))
            return
        if not is_logic(node):
            return
        (op, raw), = node.items()
        if op not in known:
            found.append((path, op))
        if type(raw) is list:
            for i, arg in enumerate(raw):
                walk(arg, path + (op, i))
        else:
            walk(raw, path + (op,))

    walk(rule, ())
    return found


def scoped_vars(rule) -> list[str]:
    """Literal paths read *inside* per-element rules (map/filter/all/none/some bodies and reduce's
    body), where ``var`` reads the element (or ``{current, accumulator}``), not the data root."""
    found: dict[str, None] = {}

    def collect(node):
        for path in _all_literal_vars(node):
            found.setdefault(path, None)

    def walk(node):
        if type(node) is list:
            for item in node:
                walk(item)
            return
        if not is_logic(node):
            return
        (op, raw), = node.items()
        args = _args(raw)
        if op in _SCOPED or op == "reduce":
            if args:
                walk(args[0])
            if len(args) > 1:
                collect(args[1])
            if op == "reduce" and len(args) > 2:
                walk(args[2])
        else:
            for arg in args:
                walk(arg)

    walk(rule)
    return list(found)


def _all_literal_vars(node):
    if type(node) is list:
        for item in node:
            yield from _all_literal_vars(item)
    elif is_logic(node):
        (op, raw), = node.items()
        args = _args(raw)
        if op == "var" and args and type(args[0]) in _LITERAL_KEY and args[0] != "":
            yield to_string(args[0])
        for arg in args:
            yield from _all_literal_vars(arg)
