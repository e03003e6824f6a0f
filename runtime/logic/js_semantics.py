"""The JavaScript abstract operations json-logic-js leans on, over JSON-shaped Python values.

Value mapping: None = null, UNDEFINED = undefined (only ever internal), bool, int/float = number,
str = string, list = Array, dict = Object. Arrays and objects compare by identity, as in JS.
"""
from __future__ import annotations

from . import utf16
from .errors import LogicError
from .js_numbers import NAN, int_to_float, number_to_string, parse_float_string, string_to_number


class _Undefined:
    """JS ``undefined``: what a missing argument or an empty ``and`` yields. Distinct from null
    because JS tells them apart (``null === undefined`` is false, ``String(undefined)``...)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "UNDEFINED"

    def __bool__(self) -> bool:
        return False


UNDEFINED = _Undefined()
OBJECT_STRING = "[object Object]"


def is_number(v) -> bool:
    t = type(v)
    return t is float or t is int


def truthy(value) -> bool:
    """jsonLogic.truthy: JS ``!!value`` except that an empty array is falsy."""
    if value is True:
        return True
    if value is False or value is None or value is UNDEFINED:
        return False
    t = type(value)
    if t is str or t is list:
        return len(value) > 0
    if t is int:
        return value != 0
    if t is float:
        return value == value and value != 0.0  # NaN and -0 are falsy
    return True  # every object, even {}


def to_string(v) -> str:
    """``String(v)``."""
    t = type(v)
    if t is str:
        return v
    if v is None:
        return "null"
    if v is UNDEFINED:
        return "undefined"
    if t is bool:
        return "true" if v else "false"
    if t is float:
        return number_to_string(v)
    if t is int:
        return str(v) if -2 ** 53 < v < 2 ** 53 else number_to_string(int_to_float(v))
    if t is list:
        return join(v, ",")
    return OBJECT_STRING


def join(items, separator: str) -> str:
    """``Array.prototype.join``: null and undefined elements become empty strings."""
    return separator.join("" if x is None or x is UNDEFINED else to_string(x) for x in items)


def to_primitive(v):
    """ToPrimitive with the number hint: plain arrays and objects fall back to toString()."""
    t = type(v)
    if t is list:
        return join(v, ",")
    if t is dict:
        return OBJECT_STRING
    return v


def to_number(v) -> float:
    """``Number(v)`` (ToNumber)."""
    t = type(v)
    if t is float:
        return v
    if t is int:
        return int_to_float(v)
    if t is str:
        return string_to_number(v)
    if t is bool:
        return 1.0 if v else 0.0
    if v is None:
        return 0.0
    if v is UNDEFINED:
        return NAN
    return to_number(to_primitive(v))


def parse_float(v) -> float:
    """``parseFloat(v)``: numbers pass through (with -0 read back as 0), everything else via String()."""
    t = type(v)
    if t is float or t is int:
        return to_number(v) + 0.0  # String(-0) is "0"
    return parse_float_string(to_string(v))


def _kind(v) -> str:
    t = type(v)
    if t is bool:
        return "boolean"
    if t is int or t is float:
        return "number"
    if t is str:
        return "string"
    if v is None:
        return "null"
    if v is UNDEFINED:
        return "undefined"
    return "object"


def strict_eq(a, b) -> bool:
    """``a === b``."""
    ta, tb = type(a), type(b)
    if ta is tb and (ta is str or ta is bool):
        return a == b
    ka, kb = _kind(a), _kind(b)
    if ka != kb:
        return False
    if ka == "number":
        return to_number(a) == to_number(b)  # NaN never equal, 0 === -0
    if ka == "object":
        return a is b
    return a == b if ka == "string" else True  # null/null, undefined/undefined


def loose_eq(a, b) -> bool:
    """``a == b`` (IsLooselyEqual)."""
    ta = type(a)
    if ta is type(b) and (ta is str or ta is float or ta is int or ta is bool):
        return a == b
    ka, kb = _kind(a), _kind(b)
    if ka == kb:
        return strict_eq(a, b)
    if ka in ("null", "undefined") and kb in ("null", "undefined"):
        return True
    if ka == "number" and kb == "string":
        return to_number(a) == string_to_number(b)
    if ka == "string" and kb == "number":
        return string_to_number(a) == to_number(b)
    if ka == "boolean":
        return loose_eq(to_number(a), b)
    if kb == "boolean":
        return loose_eq(a, to_number(b))
    if ka == "object" and kb in ("number", "string"):
        return loose_eq(to_primitive(a), b)
    if kb == "object" and ka in ("number", "string"):
        return loose_eq(a, to_primitive(b))
    return False


def less_than(a, b):
    """IsLessThan: True, False, or None for JS ``undefined`` (a NaN was involved)."""
    ta, tb = type(a), type(b)
    if (ta is float or ta is int) and (tb is float or tb is int):
        x, y = to_number(a), to_number(b)
    else:
        a, b = to_primitive(a), to_primitive(b)
        if type(a) is str and type(b) is str:
            return utf16.less_than(a, b)
        x, y = to_number(a), to_number(b)
    if x != x or y != y:
        return None
    return x < y


def lt(a, b) -> bool:
    return less_than(a, b) is True


def gt(a, b) -> bool:
    return less_than(b, a) is True


def le(a, b) -> bool:
    return less_than(b, a) is False


def ge(a, b) -> bool:
    return less_than(a, b) is False


def add(a, b):
    """The JS ``+`` operator: string concatenation if either primitive is a string, else numbers."""
    a, b = to_primitive(a), to_primitive(b)
    if type(a) is str or type(b) is str:
        return to_string(a) + to_string(b)
    return to_number(a) + to_number(b)


def length_property(v):
    """``v.length`` as json-logic-js reads it: TypeError on null/undefined, undefined if absent."""
    if v is None or v is UNDEFINED:
        raise LogicError(f"Cannot read properties of {to_string(v)} (reading 'length')")
    t = type(v)
    if t is list:
        return len(v)
    if t is str:
        return utf16.length(v)
    return UNDEFINED
