"""The standard eager operations of json-logic-js 2.0.5, one function each, over evaluated values.

Each mirrors the JS source line for line; comments mark the JS behaviour that surprises. The lazy
forms (if, and, or, map, filter, reduce, all, none, some) and the data readers (var, missing,
missing_some) need the compiler and live there.
"""
from __future__ import annotations

import logging
import math

from . import utf16
from .budget import check_array, check_string, spend
from .errors import LogicError
from .js_numbers import INF, NAN, to_integer_or_infinity
from .js_semantics import (UNDEFINED, add, ge, gt, join, le, loose_eq, lt, parse_float, strict_eq, to_number,
                           to_string, truthy)

_log = logging.getLogger("runtime.logic")


def op_eq(a=UNDEFINED, b=UNDEFINED):
    return loose_eq(a, b)


def op_strict_eq(a=UNDEFINED, b=UNDEFINED):
    return strict_eq(a, b)


def op_ne(a=UNDEFINED, b=UNDEFINED):
    return not loose_eq(a, b)


def op_strict_ne(a=UNDEFINED, b=UNDEFINED):
    return not strict_eq(a, b)


def op_gt(a=UNDEFINED, b=UNDEFINED):
    return gt(a, b)


def op_ge(a=UNDEFINED, b=UNDEFINED):
    return ge(a, b)


def op_lt(a=UNDEFINED, b=UNDEFINED, c=UNDEFINED):
    # A third argument makes it "between, exclusive"; only a literal undefined turns it off.
    return lt(a, b) if c is UNDEFINED else lt(a, b) and lt(b, c)


def op_le(a=UNDEFINED, b=UNDEFINED, c=UNDEFINED):
    return le(a, b) if c is UNDEFINED else le(a, b) and le(b, c)


def op_not_not(a=UNDEFINED):
    return truthy(a)


def op_not(a=UNDEFINED):
    return not truthy(a)


def op_mod(a=UNDEFINED, b=UNDEFINED):
    n, d = to_number(a), to_number(b)
    if n != n or d != d or n in (INF, -INF) or d == 0:
        return NAN
    if d in (INF, -INF) or n == 0:
        return n
    return math.fmod(n, d)  # sign of the dividend, like JS


def op_log(a=UNDEFINED):
    _log.debug("log: %r", a)
    return a


def op_in(a=UNDEFINED, b=UNDEFINED):
    # JS calls b.indexOf(a): strings search String(a), arrays compare with ===, others have none.
    t = type(b)
    if t is str:
        return b != "" and to_string(a) in b
    if t is list:
        spend(len(b))
        return any(strict_eq(a, item) for item in b)
    return False


def op_cat(*values):
    # Array.prototype.join: null and undefined vanish, they do not print as "null".
    return check_string(join(values, ""))


def _substr(s: str, start, length) -> str:
    """String.prototype.substr in UTF-16 code units."""
    size = utf16.length(s)
    first = to_integer_or_infinity(to_number(start))
    if first == -INF:
        first = 0
    elif first < 0:
        first = max(size + first, 0)
    else:
        first = min(first, size)
    count = size if length is UNDEFINED else to_integer_or_infinity(to_number(length))
    count = min(max(count, 0), size)
    end = min(first + count, size)
    return utf16.slice_units(s, int(first), int(end)) if end > first else ""


def op_substr(source=UNDEFINED, start=UNDEFINED, end=UNDEFINED):
    if lt(end, 0):
        # PHP-style negative length: drop that many characters from the end. The JS does
        # `temp.length + end`, a string concatenation when end is a string ("3" + "-1").
        temp = _substr(to_string(source), start, UNDEFINED)
        return _substr(temp, 0, add(utf16.length(temp), end))
    return _substr(to_string(source), start, end)


def op_plus(*values):
    # parseFloat, not Number: "3abc" counts as 3, true and null as NaN.
    total = 0.0
    for value in values:
        total = total + parse_float(value)
    return total


def op_times(*values):
    # reduce() without an initial value: no arguments throw, one argument comes back unconverted.
    if not values:
        raise LogicError("Reduce of empty array with no initial value")
    result = values[0]
    for value in values[1:]:
        result = parse_float(result) * parse_float(value)
    return result


def op_minus(a=UNDEFINED, b=UNDEFINED):
    if b is UNDEFINED:
        return -to_number(a)
    return to_number(a) - to_number(b)


def op_divide(a=UNDEFINED, b=UNDEFINED):
    n, d = to_number(a), to_number(b)
    if d == 0:
        if n == 0 or n != n:
            return NAN
        return INF if (n > 0) == (math.copysign(1.0, d) > 0) else -INF
    return n / d


def op_min(*values):
    numbers = [to_number(v) for v in values]
    result = INF
    for x in numbers:
        if x != x:
            return NAN
        if x < result or (x == 0 and result == 0 and math.copysign(1.0, x) < 0):
            result = x
    return result


def op_max(*values):
    numbers = [to_number(v) for v in values]
    result = -INF
    for x in numbers:
        if x != x:
            return NAN
        if x > result or (x == 0 and result == 0 and math.copysign(1.0, x) > 0):
            result = x
    return result


def op_merge(*values):
    # [].concat(...): arrays are spread one level, everything else appended as is.
    merged = []
    for value in values:
        if type(value) is list:
            merged.extend(value)
        else:
            merged.append(value)
    return check_array(merged)


# name -> (function, fixed arity or None for variadic)
STANDARD = {
    "==": (op_eq, 2),
    "===": (op_strict_eq, 2),
    "!=": (op_ne, 2),
    "!==": (op_strict_ne, 2),
    ">": (op_gt, 2),
    ">=": (op_ge, 2),
    "<": (op_lt, 3),
    "<=": (op_le, 3),
    "!!": (op_not_not, 1),
    "!": (op_not, 1),
    "%": (op_mod, 2),
    "log": (op_log, 1),
    "in": (op_in, 2),
    "cat": (op_cat, None),
    "substr": (op_substr, 3),
    "+": (op_plus, None),
    "*": (op_times, None),
    "-": (op_minus, 2),
    "/": (op_divide, 2),
    "min": (op_min, None),
    "max": (op_max, None),
    "merge": (op_merge, None),
}
