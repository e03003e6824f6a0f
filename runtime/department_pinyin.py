"""Keep ``department.name_pinyin`` (the name's full pinyin and initials, runtime/portal/search_keys.py) equal to
the name on every flush, so a department chooser finds 秦源县市场监督管理局 by "qyxsc" without computing pinyin
for two thousand names on each keystroke. A Core statement that writes names bypasses this (they are then
found by name only, until the name is next saved)."""
from __future__ import annotations

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session

from runtime.models import Department
from runtime.portal.search_keys import pinyin_forms

COLUMN_MAX = 400


def pinyin_of(name: str | None) -> str | None:
    return pinyin_forms(name or "")[:COLUMN_MAX] or None


def _before_flush(session: Session, flush_context, instances) -> None:
    for obj in list(session.new) + list(session.dirty):
        if isinstance(obj, Department):
            state = inspect(obj)
            if state.pending or state.attrs.name.history.has_changes():
                obj.name_pinyin = pinyin_of(obj.name)


def install() -> None:
    """Listen on every session once; safe to call for each app created in tests."""
    if not event.contains(Session, "before_flush", _before_flush):
        event.listen(Session, "before_flush", _before_flush)
