"""Audit trail: every change to an audited model (one with ``__audited__ = "<中文名称>"``) is written to
``audit_event`` in the same transaction, whoever made it: a view, the REST API or a CLI command.

Done in a flush hook rather than in each view so that no path can change data without a record.
"""
from __future__ import annotations

import hashlib
import json
from datetime import date, datetime

from flask import g, has_request_context, request
from sqlalchemy import event, inspect, insert
from sqlalchemy.orm import Session

from runtime.models.audit_event import AuditEvent
from runtime.models.timestamps import utcnow

SECRET_COLUMNS = {"password", "private_key"}
LARGE_VALUE = 2048  # bytes of JSON above which only a fingerprint is kept


def _actor():
    """(user_id, username) of whoever is acting: the logged-in user, a CLI label, or a job's user."""
    if has_request_context():
        from flask_login import current_user
        if getattr(current_user, "is_authenticated", False):
            return current_user.id, current_user.username
        return None, "匿名"
    # A CLI command names itself; a background job names the user who started it (builder/import_jobs.py).
    return getattr(g, "audit_user_id", None), getattr(g, "audit_actor", None) or "命令行"


def _plain(value):
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, (dict, list)):
        text = json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
        if len(text.encode()) > LARGE_VALUE:
            return {"sha256": hashlib.sha256(text.encode()).hexdigest(), "bytes": len(text.encode())}
        return value
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, (bytes, bytearray, memoryview)):  # a stored PDF or certificate: its fingerprint
        return {"sha256": hashlib.sha256(value).hexdigest(), "bytes": len(value)}
    return str(value)


def _columns(obj):
    return [c.key for c in inspect(obj).mapper.column_attrs]


def _snapshot(obj) -> dict:
    return {k: ("***" if k in SECRET_COLUMNS else _plain(getattr(obj, k))) for k in _columns(obj)}


def _changes(obj):
    state = inspect(obj)
    before, after = {}, {}
    for key in _columns(obj):
        hist = state.attrs[key].history
        if not hist.has_changes():
            continue
        old = hist.deleted[0] if hist.deleted else None
        new = hist.added[0] if hist.added else None
        if key in SECRET_COLUMNS:
            before[key], after[key] = "***", "*** (已修改)"
        else:
            before[key], after[key] = _plain(old), _plain(new)
    return before, after


CHANGE_VERBS = {"create": "新建", "update": "修改", "delete": "删除"}  # the summary is read by people


def _row(action, obj, before, after):
    user_id, username = _actor()
    pk = inspect(obj).identity
    return {
        "at": utcnow(), "user_id": user_id, "username": username, "action": action,
        "object_type": type(obj).__name__, "object_id": ",".join(map(str, pk)) if pk else None,
        "summary": f"{CHANGE_VERBS[action]}{obj.__audited__}:{obj!r}"[:500], "before": before, "after": after,
        "remote_addr": request.remote_addr if has_request_context() else None,
    }


def _after_flush(session, flush_context):
    rows = []
    for obj in session.new:
        if getattr(obj, "__audited__", None):
            rows.append(_row("create", obj, None, _snapshot(obj)))
    for obj in session.dirty:
        if getattr(obj, "__audited__", None) and session.is_modified(obj, include_collections=False):
            before, after = _changes(obj)
            if after:
                rows.append(_row("update", obj, before, after))
    for obj in session.deleted:
        if getattr(obj, "__audited__", None):
            rows.append(_row("delete", obj, _snapshot(obj), None))
    if rows:
        session.connection().execute(insert(AuditEvent.__table__), rows)


def record(session, action: str, object_type: str, object_id, summary: str, *, before=None, after=None) -> None:
    """An explicit audit entry for actions that are not a row change (login, publish, export …)."""
    user_id, username = _actor()
    session.add(AuditEvent(user_id=user_id, username=username, action=action, object_type=object_type,
                           object_id=None if object_id is None else str(object_id), summary=summary[:500],
                           before=before, after=after,
                           remote_addr=request.remote_addr if has_request_context() else None))


def install() -> None:
    """Listen on every session once; safe to call for each app created in tests."""
    from flask_appbuilder.security.sqla.models import Role, User  # FAB's own models, audited too
    User.__audited__ = "用户"
    Role.__audited__ = "角色"
    if not event.contains(Session, "after_flush", _after_flush):
        event.listen(Session, "after_flush", _after_flush)
