"""The ``var`` lookup: dotted paths into the data, exactly as json-logic-js walks them.

Each step is ``data[key]`` in JS, so arrays take canonical indexes ("0", "12", not "01") and a
``length``, strings give one UTF-16 unit per index and a ``length``, and anything else (numbers,
booleans) has no properties. Inherited JS prototype members (``toString``, ``constructor`` ...) are
functions, not JSON values, so they count as absent here: the one place we differ from JS, on
purpose, because a function can never be a meaningful rule result.
"""
from __future__ import annotations

import re
from functools import lru_cache

from . import utf16
from .js_semantics import UNDEFINED, to_string

_ABSENT = object()
_ARRAY_INDEX = re.compile(r"0|[1-9][0-9]*")
_MAX_ARRAY_INDEX = 2 ** 32 - 2

PathParts = tuple  # of (key, array index or None)


@lru_cache(maxsize=1024)
def split_path(path: str) -> PathParts:
    """``String(a).split(".")``, each part paired with its array index when it is one."""
    parts = []
    for key in path.split("."):
        index = int(key) if _ARRAY_INDEX.fullmatch(key) and int(key) <= _MAX_ARRAY_INDEX else None
        parts.append((key, index))
    return tuple(parts)


def lookup(data, parts: PathParts, not_found):
    """Walk ``parts`` from ``data``; ``not_found`` when a step is absent or lands on null early."""
    for key, index in parts:
        if data is None or data is UNDEFINED:
            return not_found
        t = type(data)
        if t is dict:
            data = data.get(key, _ABSENT)
        elif t is list:
            if index is not None:
                data = data[index] if index < len(data) else _ABSENT
            else:
                data = len(data) if key == "length" else _ABSENT
        elif t is str:
            if index is not None:
                unit = utf16.unit_at(data, index)
                data = _ABSENT if unit is None else unit
            else:
                data = utf16.length(data) if key == "length" else _ABSENT
        else:
            return not_found
        if data is _ABSENT:
            return not_found
    return data


def var(data, path, default=UNDEFINED):
    """The ``var`` operation with evaluated arguments: ``""``, null or no path is the whole data."""
    not_found = None if default is UNDEFINED else default
    if path is UNDEFINED or path is None or path == "":
        return data
    return lookup(data, split_path(to_string(path)), not_found)
