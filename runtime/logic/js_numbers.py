"""JavaScript number <-> string conversions: ``Number(string)``, ``parseFloat`` and ``String(number)``.

JS numbers are IEEE doubles, so every result here is a Python float. Python's own ``float()`` and
``repr()`` accept and print different spellings ("inf", "1_0", "1e+16"), hence these rewrites.
"""
from __future__ import annotations

import math
import re

INF = math.inf
NAN = math.nan

# StrWhiteSpaceChar: WhiteSpace (incl. every Unicode Zs such as U+3000) and LineTerminator.
_WS = "\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
_TRIM = re.compile(f"^[{_WS}]+|[{_WS}]+$")
_DECIMAL = re.compile(r"[+-]?(?:Infinity|(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?)")
_RADIX = {"x": 16, "X": 16, "o": 8, "O": 8, "b": 2, "B": 2}
_RADIX_DIGITS = {16: re.compile("[0-9a-fA-F]+"), 8: re.compile("[0-7]+"), 2: re.compile("[01]+")}
_LEADING_WS = re.compile(f"^[{_WS}]+")
MAX_SAFE_INTEGER = 2 ** 53


def _decimal(text: str) -> float:
    # Python float() agrees with JS on every string _DECIMAL matches (both round correctly).
    if text.endswith("Infinity"):
        return -INF if text[0] == "-" else INF
    return float(text)


def string_to_number(s: str) -> float:
    """``Number(s)``: the whole trimmed string must be a numeric literal; "" and blanks are 0."""
    s = _TRIM.sub("", s)
    if not s:
        return 0.0
    if _DECIMAL.fullmatch(s):
        return _decimal(s)
    if len(s) > 2 and s[0] == "0" and s[1] in _RADIX:
        radix = _RADIX[s[1]]
        if _RADIX_DIGITS[radix].fullmatch(s, 2):
            return float(int(s[2:], radix))
    return NAN


def parse_float_string(s: str) -> float:
    """``parseFloat(s)``: the longest decimal prefix after leading blanks ("3abc" -> 3), else NaN."""
    match = _DECIMAL.match(_LEADING_WS.sub("", s))
    return _decimal(match.group()) if match else NAN


def int_to_float(n: int) -> float:
    """A JSON integer as JS sees it: a double, Infinity when too large for one."""
    try:
        return float(n)
    except OverflowError:
        return INF if n > 0 else -INF


def number_to_string(x: float) -> str:
    """``String(x)`` (Number::toString): shortest round-trip digits, JS layout of the exponent."""
    if x != x:
        return "NaN"
    if x == 0:
        return "0"  # also -0
    if x in (INF, -INF):
        return "Infinity" if x > 0 else "-Infinity"
    if x.is_integer() and -MAX_SAFE_INTEGER < x < MAX_SAFE_INTEGER:
        return str(int(x))
    sign = "-" if x < 0 else ""
    # repr() gives the same shortest digits as JS; only their layout differs.
    mantissa, _, exponent = repr(abs(x)).partition("e")
    whole, _, fraction = mantissa.partition(".")
    digits = whole + fraction
    point = len(whole) + (int(exponent) if exponent else 0)
    stripped = digits.lstrip("0")
    point -= len(digits) - len(stripped)
    digits = stripped.rstrip("0")
    k, n = len(digits), point
    if k <= n <= 21:
        return sign + digits + "0" * (n - k)
    if 0 < n <= 21:
        return sign + digits[:n] + "." + digits[n:]
    if -6 < n <= 0:
        return sign + "0." + "0" * -n + digits
    e = n - 1
    exp = ("+" if e >= 0 else "-") + str(abs(e))
    if k == 1:
        return sign + digits + "e" + exp
    return sign + digits[0] + "." + digits[1:] + "e" + exp


def to_integer_or_infinity(n: float) -> float:
    """ToIntegerOrInfinity of an already converted number: NaN -> 0, truncate toward zero."""
    if n != n:
        return 0
    if n in (INF, -INF):
        return n
    return math.trunc(n)
