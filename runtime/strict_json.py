"""Strict JSON for everything Yiwang reads from outside (definitions, applications, request bodies,
bundles): only what RFC 8259 allows, nested at most MAX_DEPTH deep.

Python's json module accepts NaN, Infinity and -Infinity, reads 1e309 as infinity, and raises
RecursionError on deeply nested input; PostgreSQL's jsonb refuses non-finite numbers and a deep
document breaks every recursive reader after it. Refusing them where they come in keeps the rest
of the code total. Errors are StrictJSONError (a ValueError) with a Chinese message.
"""
from __future__ import annotations

import json
import math

MAX_DEPTH = 64   # a definition nests about 8 deep plus its JsonLogic (at most 32, runtime/logic/limits.py)


class StrictJSONError(ValueError):
    pass


def _refuse_constant(name):
    raise StrictJSONError(f"不允许使用 {name}(JSON 中没有这种数值)")


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise StrictJSONError(f"数值 {text[:40]} 超出范围")
    return value


def loads(text: str | bytes):
    """json.loads that refuses NaN/Infinity, numbers beyond the double range and nesting deeper than
    MAX_DEPTH. A json.JSONDecodeError (with its line and column) is raised for malformed text."""
    try:
        value = json.loads(text, parse_constant=_refuse_constant, parse_float=_finite_float)
    except RecursionError:
        raise StrictJSONError(f"JSON 嵌套过深(最多 {MAX_DEPTH} 层)") from None
    if too_deep(value):
        raise StrictJSONError(f"JSON 嵌套过深(最多 {MAX_DEPTH} 层)")
    return value


def too_deep(value, limit: int = MAX_DEPTH) -> bool:
    """Whether arrays and objects nest more than ``limit`` deep (checked without recursion)."""
    stack = [(value, 1)]
    while stack:
        node, depth = stack.pop()
        if type(node) is dict:
            children = node.values()
        elif type(node) is list:
            children = node
        else:
            continue
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in children if type(child) in (dict, list))
    return False


def finite(value):
    """``value`` with every NaN and infinity (the result of arithmetic on missing numbers) replaced by
    None, so a result is strict JSON and PostgreSQL stores it. Nesting is bounded: by the expression's
    and the data's own nesting (both limited), and in a loop by the evaluation budget (runtime/logic/budget.py)."""
    t = type(value)
    if t is float:
        return value if math.isfinite(value) else None
    if t is list:
        return [finite(v) for v in value]
    if t is dict:
        return {k: finite(v) for k, v in value.items()}
    return value
