"""Today's date for case work, in one place so tests (and a training instance) can fix it."""
from __future__ import annotations

from datetime import date


def today() -> date:
    return date.today()
