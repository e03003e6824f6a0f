"""Issuing a document for an application: its 文书编号 and date, given once per decision from the
department's yearly per-kind sequence (the row-locked sequences of runtime/casework/numbering.py) and
kept, so a reprint — by the clerk or by the applicant online — shows the same number and date."""
from __future__ import annotations

from datetime import date

from sqlalchemy import select

from runtime import clock
from runtime.casework.numbering import next_number
from runtime.extensions import db
from runtime.models import Application, ApplicationEvent, IssuedDocument

from .decisions import decision_kind
from .numbering import document_number

UNNUMBERED = frozenset({"guide", "receipt"})   # information and a voucher of receipt, not issued decisions
DEFAULT_PATTERN = "{abbr}{kind}字〔{year}〕第{seq:04}号"


ALWAYS = frozenset({"receipt"})   # proof of receipt is the applicant's right, not an item option


def printable(application: Application, by_status: dict) -> tuple:
    """The kinds of ``by_status[status]`` the item enables (``documents.enabled``; all when absent), and
    the decision document of a decided case whatever ``enabled`` says (the law requires it)."""
    enabled = (application.item_version.definition.get("documents") or {}).get("enabled")
    kinds = tuple(k for k in by_status.get(application.status, ()) if enabled is None or k in enabled or k in ALWAYS)
    decided = decision_kind(application.decision) if application.status == "completed" else None
    return kinds + ((decided,) if decided else ())


def document_result(application: Application) -> dict:
    """The stored pre-review result (what the pages showed) with the dates the clerk's acceptance fixed:
    ``received_on`` stays the day the application arrived; ``accepted_on`` the day of 受理; ``tolerated``
    says whether it was a 容缺 acceptance (and ``tolerated_until`` its supplement deadline)."""
    result = dict(application.prereview or {})
    deadlines = dict(result.get("deadlines") or {})
    if application.accepted_on:
        deadlines.update(accepted_on=application.accepted_on, promised_date=application.promised_date,
                         legal_date=application.legal_date, tolerated=bool(application.tolerated_until),
                         tolerated_until=application.tolerated_until)
    result["deadlines"] = deadlines
    return result


def received_at(application: Application) -> str:
    """Local "YYYY-MM-DD HH:MM" the application arrived (for the 收件凭证)."""
    moment = clock.local(application.submitted_at)
    return moment.strftime("%Y-%m-%d %H:%M") if moment else ""


def reasons(application: Application, kind: str) -> list[str]:
    if kind in ("rejection_notice", "grant_decision", "refusal_decision") and application.decision_note:
        return [application.decision_note]
    return []


def _decision(application: Application) -> ApplicationEvent | None:
    """The status event the document answers: the latest one that led to the current status."""
    return db.session.scalar(select(ApplicationEvent).where(
        ApplicationEvent.application_id == application.id, ApplicationEvent.status_to == application.status)
        .order_by(ApplicationEvent.id.desc()).limit(1))


def issue(application: Application, kind: str, *, today: date, user_id: int | None = None) -> IssuedDocument | None:
    """The issued document for ``kind`` and the application's current decision, numbered on first issue.
    None for unnumbered kinds. Flushes; the caller commits."""
    if kind in UNNUMBERED:
        return None
    # Two first prints at once (clerk and applicant): the second waits here, then finds the first's row.
    db.session.execute(select(Application.id).where(Application.id == application.id).with_for_update())
    event_id, existing = _current(application, kind)
    if existing is not None:
        return existing
    return numbered(application, kind, event_id=event_id, today=today, user_id=user_id)


def already_issued(application: Application, kind: str) -> IssuedDocument | None:
    """The document ``kind`` already issued for the application's current decision, or None: a read,
    never a number (serving a document is a GET; issuing one is a POST)."""
    return None if kind in UNNUMBERED else _current(application, kind)[1]


def _current(application: Application, kind: str) -> tuple[int | None, IssuedDocument | None]:
    event = _decision(application)
    event_id = event.id if event is not None else None
    return event_id, db.session.scalar(select(IssuedDocument).where(
        IssuedDocument.application_id == application.id, IssuedDocument.kind == kind,
        IssuedDocument.replaced_by_id.is_(None),
        IssuedDocument.event_id.is_(None) if event_id is None else IssuedDocument.event_id == event_id))


def numbered(application: Application, kind: str, *, event_id: int | None, today: date,
             user_id: int | None) -> IssuedDocument:
    """A new register row with the next 文书编号 of the department's yearly sequence for ``kind``."""
    settings = application.item_version.definition.get("documents") or {}
    dept = application.department
    abbr = settings.get("abbreviation") or dept.abbreviation or dept.code[-6:]
    seq = next_number(dept.id, f"doc:{kind}", today.year)
    row = IssuedDocument(application_id=application.id, kind=kind, event_id=event_id, issued_by_id=user_id,
                         issued_on=today.isoformat(),
                         number=document_number(settings.get("number_pattern") or DEFAULT_PATTERN, abbr=abbr,
                                                kind=kind, year=today.year, seq=seq))
    db.session.add(row)
    db.session.flush()
    return row
