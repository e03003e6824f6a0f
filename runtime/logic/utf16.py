"""JavaScript strings are sequences of UTF-16 code units; Python strings are code points.

The two agree for every BMP character (all common Chinese characters included), so each helper
takes the fast Python path unless the string holds a character above U+FFFF (an emoji, a rare
CJK Extension B character), where it works on the UTF-16 encoding to stay faithful to JS.
"""
from __future__ import annotations

import re

_ASTRAL = re.compile("[\U00010000-\U0010FFFF]")


def has_astral(s: str) -> bool:
    return not s.isascii() and _ASTRAL.search(s) is not None


def _units(s: str) -> bytes:
    # surrogatepass keeps lone surrogates (which JS substr can produce) round-trippable.
    return s.encode("utf-16-le", "surrogatepass")


def length(s: str) -> int:
    """``s.length`` in JS."""
    return len(_units(s)) // 2 if has_astral(s) else len(s)


def slice_units(s: str, start: int, end: int) -> str:
    """``s.substring(start, end)`` for already clamped 0 <= start <= end <= length(s)."""
    if not has_astral(s):
        return s[start:end]
    return _units(s)[2 * start:2 * end].decode("utf-16-le", "surrogatepass")


def unit_at(s: str, index: int) -> str | None:
    """``s[index]`` in JS (one code unit), None when out of range."""
    if not has_astral(s):
        return s[index] if 0 <= index < len(s) else None
    units = _units(s)
    if not 0 <= index < len(units) // 2:
        return None
    return units[2 * index:2 * index + 2].decode("utf-16-le", "surrogatepass")


def less_than(a: str, b: str) -> bool:
    """JS string ``<``: lexicographic by UTF-16 code unit (not by code point)."""
    if a.isascii() and b.isascii():
        return a < b
    # Big-endian UTF-16 bytes sort exactly like the code unit sequence.
    return a.encode("utf-16-be", "surrogatepass") < b.encode("utf-16-be", "surrogatepass")
