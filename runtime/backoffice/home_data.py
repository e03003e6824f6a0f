"""What each role's home page shows, gathered in one place per role and scoped to the user's
departments: the clerk's queue summary and today's work, the department admin's items, the system
admin's departments, users, calendar, exchange and audit."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone

from sqlalchemy import func, select

from runtime import clock, work_calendar
from runtime.casework.queue_summary import queue_counts
from runtime.engine.validation import validate_definition
from runtime.extensions import db
from runtime.models import (Application, AuditEvent, CalendarYear, CaseStage, Consultation, Department, Item, ItemDraft,
                            ItemVersion, SigningKey)

# The year's holidays are published by the State Council in late autumn: warn from October on.
CALENDAR_WARNING_MONTH = 10
RECENT = 8
# A department certificate that ends within this many days is flagged (a new one takes weeks to obtain).
CERTIFICATE_WARNING_DAYS = 60


def _day_bounds(day: date) -> tuple[datetime, datetime]:
    """The centre's civil day as naive UTC bounds, the way timestamps are stored."""
    start = datetime.combine(day, time.min, tzinfo=clock.zone()).astimezone(timezone.utc).replace(tzinfo=None)
    return start, start + timedelta(days=1)


def clerk_home(department_ids: list[int]) -> dict:
    today = clock.today()
    start, end = _day_bounds(today)
    submitted_today = db.session.scalars(
        select(Application).where(Application.department_id.in_(department_ids), Application.submitted_at >= start,
                                  Application.submitted_at < end).order_by(Application.submitted_at.desc())).all()
    asked_today = db.session.scalars(
        select(Consultation).where(Consultation.department_id.in_(department_ids), Consultation.created_at >= start,
                                   Consultation.created_at < end).order_by(Consultation.created_at.desc())).all()
    signoffs = db.session.scalars(
        select(CaseStage).join(Application).where(CaseStage.kind == "signoff", CaseStage.done_at.is_(None),
                                                  CaseStage.department_id.in_(department_ids),
                                                  Application.status == "accepted")
        .order_by(CaseStage.id)).all()
    return {"counts": queue_counts(department_ids, today=today, calendar=work_calendar.calendar()),
            "submitted_today": submitted_today, "asked_today": asked_today, "signoffs": signoffs,
            "unanswered": _unanswered(department_ids), "today": today}


def _unanswered(department_ids: list[int]) -> int:
    return db.session.scalar(select(func.count(Consultation.id)).where(
        Consultation.department_id.in_(department_ids), Consultation.answer.is_(None))) or 0


@dataclass(frozen=True)
class DraftRow:
    item: Item
    problems: int
    updated_at: datetime | None


def department_admin_home(department_ids: list[int]) -> dict:
    items = db.session.scalars(select(Item).where(Item.department_id.in_(department_ids)).order_by(Item.name)).all()
    drafts = db.session.scalars(select(ItemDraft).join(Item).where(Item.department_id.in_(department_ids))
                                .order_by(ItemDraft.updated_at.desc())).all()
    # A draft that equals its published version is no work waiting: only changed or unpublished drafts count.
    waiting = [d for d in drafts if d.based_on_version is None or d.based_on_version != d.item.current_version
               or d.definition != _published(d.item)]
    item_ids = [str(i.id) for i in items]
    last_import = db.session.scalar(select(AuditEvent).where(
        AuditEvent.action == "import", AuditEvent.object_type == "ItemDraft", AuditEvent.object_id.in_(item_ids))
        .order_by(AuditEvent.at.desc()).limit(1)) if item_ids else None
    return {"drafts": [DraftRow(d.item, len(validate_definition(d.definition)), d.updated_at) for d in waiting],
            "published": [i for i in items if i.current_version], "unanswered": _unanswered(department_ids),
            "last_import": last_import}


def _published(item: Item) -> dict | None:
    return db.session.scalar(select(ItemVersion.definition).where(ItemVersion.item_id == item.id,
                                                                  ItemVersion.number == item.current_version))


@dataclass(frozen=True)
class CalendarState:
    years: list[int]
    last_year: int
    level: str          # "ok" | "warning" (next year missing, autumn) | "missing" (this year missing)


def calendar_state(today: date) -> CalendarState:
    cal = work_calendar.calendar()
    entered = list(db.session.scalars(select(CalendarYear.year).order_by(CalendarYear.year)))
    if cal.last_year < today.year:
        level = "missing"
    elif cal.last_year == today.year and today.month >= CALENDAR_WARNING_MONTH:
        level = "warning"
    else:
        level = "ok"
    return CalendarState(years=entered, last_year=cal.last_year, level=level)


def system_admin_home() -> dict:
    from flask import current_app
    sm = current_app.appbuilder.sm
    departments = db.session.scalars(select(Department).order_by(Department.name)).all()
    users = db.session.scalars(select(sm.user_model).order_by(sm.user_model.username)).all()
    per_role: dict[str, int] = {}
    for user in users:
        for role in user.roles:
            per_role[role.name] = per_role.get(role.name, 0) + 1
    last_import = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "import")
                                    .order_by(AuditEvent.at.desc()).limit(1))
    recent = db.session.scalars(select(AuditEvent).order_by(AuditEvent.at.desc()).limit(RECENT)).all()
    return {"departments": departments, "users": len(users), "per_role": sorted(per_role.items()),
            "calendar": calendar_state(clock.today()), "last_import": last_import, "recent": recent,
            "members": {d.id: len(d.members) for d in departments}, "signing": signing_state(departments)}


def signing_state(departments) -> dict:
    """Which departments sign their documents with a real certificate, a demo one or none, and the
    active certificates that end soon (docs/documents.md, 签章证书)."""
    keys = {k.department_id: k for k in db.session.scalars(select(SigningKey).where(SigningKey.active.is_(True)))}
    soon = datetime.now(timezone.utc).replace(tzinfo=None) + timedelta(days=CERTIFICATE_WARNING_DAYS)
    return {"real": sum(1 for d in departments if d.id in keys and not keys[d.id].demo),
            "demo": [d for d in departments if d.id in keys and keys[d.id].demo],
            "none": [d for d in departments if d.id not in keys],
            "ending": [(d, keys[d.id].not_after.date()) for d in departments
                       if d.id in keys and keys[d.id].not_after <= soon]}
