"""Numbers typed into forms, read strictly at the edge: only ASCII digits (``str.isdigit`` also accepts
'²' and '٣', which ``int`` then refuses) and plain decimals (``Decimal`` also accepts 'NaN', 'Infinity'
and '1e999999'). Anything else is None, for the caller to answer with a clear message."""
from __future__ import annotations

import re
from decimal import Decimal

_WHOLE = re.compile(r"[0-9]{1,6}")
_YUAN = re.compile(r"[0-9]{1,9}(?:\.[0-9]{1,2})?")


def whole_number(text) -> int | None:
    text = (text or "").strip()
    return int(text) if _WHOLE.fullmatch(text) else None


def yuan_to_fen(text) -> int | None:
    """'12.5' yuan -> 1250 fen; at most two decimals and 999,999,999 yuan."""
    text = (text or "").strip()
    return int(Decimal(text) * 100) if _YUAN.fullmatch(text) else None
