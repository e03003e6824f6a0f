"""统计分析 for clerks and administrators: loads plain rows scoped to the user's departments and renders the
counts of runtime.casework.statistics as server-drawn SVG charts, each with its data table."""
from __future__ import annotations

from datetime import date

from flask import render_template, request
from sqlalchemy import func, select

from runtime import clock, work_calendar
from runtime.casework.statistics import Case, Review, compute
from runtime.extensions import db
from runtime.models import Application, ApplicationEvent, Department, Item, ItemVersion
from runtime.security.scoping import department_ids

from . import bp

MAX_MONTHS = 36


def _month(value: str | None, default: date) -> date:
    try:
        year, month = (int(part) for part in (value or "").split("-"))
        return date(year, month, 1) if 2000 <= year <= 2100 and 1 <= month <= 12 else default
    except ValueError:
        return default


def _next_month(day: date) -> date:
    return date(day.year + 1, 1, 1) if day.month == 12 else date(day.year, day.month + 1, 1)


def _period() -> tuple[date, date]:
    """from/to as YYYY-MM (default: the last 12 months up to this one), at most MAX_MONTHS long."""
    today = clock.today()
    year_ago = _next_month(date(today.year - 1, today.month, 1))
    start, last = _month(request.args.get("from"), year_ago), _month(request.args.get("to"), today)
    end = date.fromordinal(_next_month(last).toordinal() - 1)
    if start > end or (end.year - start.year) * 12 + end.month - start.month >= MAX_MONTHS:
        start = _next_month(date(end.year - 1, end.month, 1))
    return start, end


def _first_at(status_to: tuple, aggregate):
    return (select(ApplicationEvent.application_id, aggregate(ApplicationEvent.at).label("at"))
            .where(ApplicationEvent.status_to.in_(status_to)).group_by(ApplicationEvent.application_id).subquery())


@bp.get("/statistics")
def statistics():
    scope = department_ids()
    departments = db.session.scalars(select(Department).where(Department.id.in_(scope)).order_by(Department.name)).all()
    chosen = next((d.id for d in departments if str(d.id) == request.args.get("department")), None)
    wanted = [chosen] if chosen else scope
    start, end = _period()

    received, completed = _first_at(("submitted", "needs_correction"), func.min), _first_at(("completed",), func.max)
    rows = db.session.execute(
        select(Item.name, Department.name, received.c.at, Application.status, Application.accepted_on, completed.c.at,
               Application.promised_date)
        .join(ItemVersion, Application.item_version_id == ItemVersion.id).join(Item, ItemVersion.item_id == Item.id)
        .join(Department, Application.department_id == Department.id)
        .join(received, received.c.application_id == Application.id)
        .outerjoin(completed, completed.c.application_id == Application.id)
        .where(Application.department_id.in_(wanted))).all()
    cases = [Case(item=item, department=dept, submitted_on=clock.local(at).date(), status=status,
                  accepted_on=date.fromisoformat(accepted) if accepted else None,
                  completed_on=clock.local(done).date() if done else None,
                  promised_date=date.fromisoformat(promised) if promised else None)
             for item, dept, at, status, accepted, done, promised in rows]

    review_rows = db.session.execute(
        select(Item.name, ItemVersion.id, ApplicationEvent.review)
        .join(Application, ApplicationEvent.application_id == Application.id)
        .join(ItemVersion, Application.item_version_id == ItemVersion.id).join(Item, ItemVersion.item_id == Item.id)
        .where(Application.department_id.in_(wanted), ApplicationEvent.review.is_not(None),
               ApplicationEvent.at >= start, ApplicationEvent.at < date.fromordinal(end.toordinal() + 1))).all()
    names = _material_names({version_id for _item, version_id, _review in review_rows})
    reviews = [Review(item=item, outcome=(review or {}).get("outcome") or "",
                      missing=tuple(names.get(version_id, {}).get(m, m) for m in (review or {}).get("missing", [])))
               for item, version_id, review in review_rows]

    stats = compute(cases, reviews, start=start, end=end, calendar=work_calendar.calendar())
    return render_template("clerk/statistics.html", stats=stats, departments=departments, chosen=chosen,
                           start=start, end=end)


def _material_names(version_ids: set) -> dict:
    """Material names per item version, read once per version (definitions can be large)."""
    if not version_ids:
        return {}
    rows = db.session.execute(select(ItemVersion.id, ItemVersion.definition).where(ItemVersion.id.in_(version_ids)))
    return {vid: {m["id"]: m["name"] for m in definition.get("materials", [])} for vid, definition in rows}
