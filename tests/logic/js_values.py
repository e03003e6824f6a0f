"""Decode the {"$js": ...} markers the Node side writes (see tests/js/js_codec.mjs) and compare a
Python result with a json-logic-js result under JS value semantics."""
from __future__ import annotations

import json
import math

ERROR = object()
_SPECIAL = {"NaN": math.nan, "Infinity": math.inf, "-Infinity": -math.inf, "undefined": None}


def _js_int(text: str):
    """JSON integers beyond 2**53 were printed from a double: read them back as that double."""
    value = int(text)
    return value if abs(value) <= 2 ** 53 else float(text)


def loads(text: str):
    """json.loads with JS number semantics."""
    return json.loads(text, parse_int=_js_int)


def decode(value):
    if isinstance(value, dict):
        if set(value) <= {"$js", "message"} and "$js" in value:
            return ERROR if value["$js"] == "error" else _SPECIAL[value["$js"]]
        return {k: decode(v) for k, v in value.items()}
    if isinstance(value, list):
        return [decode(v) for v in value]
    return value


def same(actual, expected) -> bool:
    """JS equality of plain values: numbers by value (1 == 1.0, NaN == NaN), no bool/number mixing."""
    if isinstance(expected, bool) or isinstance(actual, bool):
        return type(actual) is type(expected) and actual == expected
    if isinstance(expected, (int, float)):
        if not isinstance(actual, (int, float)):
            return False
        return (math.isnan(actual) and math.isnan(expected)) or actual == expected
    if isinstance(expected, list):
        return isinstance(actual, list) and len(actual) == len(expected) and all(
            same(a, e) for a, e in zip(actual, expected))
    if isinstance(expected, dict):
        return isinstance(actual, dict) and actual.keys() == expected.keys() and all(
            same(actual[k], expected[k]) for k in expected)
    return type(actual) is type(expected) and actual == expected


def outcome(evaluate, rule, data):
    """Evaluate in Python, turning a LogicError into the ERROR marker."""
    from runtime.logic import LogicError
    try:
        return evaluate(rule, data)
    except LogicError:
        return ERROR
