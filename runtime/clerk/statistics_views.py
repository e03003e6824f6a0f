"""统计分析 for clerks and administrators: sums the statistics rollups of the user's departments in SQL and
renders them (shaped by runtime.casework.statistics) as server-drawn SVG charts, each with its data table."""
from __future__ import annotations

from datetime import date

from flask import render_template, request
from sqlalchemy import func, select

from runtime import clock
from runtime.casework.rollups import PROVINCE
from runtime.casework.statistics import (TOP_DEPARTMENTS, TOP_ITEMS, TOP_MATERIALS, Statistics, handling, labelled,
                                         month_range, outcome_label, per_month, status_label, top_series, with_rest)
from runtime.extensions import db
from runtime.models import CaseRollup, CaseRollupMonth, Department, Item, ItemVersion
from runtime.security.scoping import department_ids, is_system_admin

from . import bp, department_filter

MAX_MONTHS = 36
ITEM_SCOPE = 20   # departments counted per item; more are counted per department
PROVINCE_TOTAL = object()   # the scope of _sums that reads the all-department month rows


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


def _sums(scope, start: date, end: date, metric: str, *group, order_top: int | None = None, items=None,
          monthly: bool = False):
    """Sums of one rollup metric over the period and scope, grouped by ``group`` columns: from the day and
    item grain, or (``monthly``) from the month and department grain."""
    table = CaseRollupMonth if monthly else CaseRollup
    when = (table.month >= start.isoformat()[:7], table.month <= end.isoformat()[:7]) if monthly else \
        (table.day >= start.isoformat(), table.day <= end.isoformat())
    total = func.sum(table.count)
    stmt = select(*group, total).where(table.metric == metric, *when)
    if scope is PROVINCE_TOTAL:
        stmt = stmt.where(table.department_id == PROVINCE)
    elif scope is not None:
        stmt = stmt.where(table.department_id.in_(scope))
    elif monthly:
        stmt = stmt.where(table.department_id != PROVINCE)
    if items is not None:
        stmt = stmt.where(table.item_id.in_(items))
    stmt = stmt.group_by(*group) if group else stmt
    if order_top:
        stmt = stmt.order_by(total.desc(), *group).limit(order_top)
    return db.session.execute(stmt).all()


def _names(model, ids) -> dict:
    return dict(db.session.execute(select(model.id, model.name).where(model.id.in_(set(ids)))).all()) if ids else {}


def _material_names(item_ids) -> dict:
    """Material names of each item's current version (at most TOP_ITEMS definitions are read)."""
    if not item_ids:
        return {}
    rows = db.session.execute(select(ItemVersion.item_id, ItemVersion.definition)
                              .join(Item, (Item.id == ItemVersion.item_id) & (Item.current_version == ItemVersion.number))
                              .where(Item.id.in_(set(item_ids))))
    return {item: {m["id"]: m["name"] for m in definition.get("materials", [])} for item, definition in rows}


@bp.get("/statistics")
def statistics():
    """Every number here is a sum of rollup rows (runtime/casework/rollups.py): a few thousand rows for
    a year of one department, grouped in SQL; the system administrator's province the same way."""
    scope = None if is_system_admin() else department_ids()
    departments = department_filter.choose(scope, request.args)
    if departments.chosen:
        scope = [departments.chosen]
    start, end = _period()
    return render_template("clerk/statistics.html", stats=load(scope, start, end), departments=departments,
                           start=start, end=end)


def load(scope: list[int] | None, start: date, end: date) -> Statistics:
    """The statistics of the departments ``scope`` (None: all) for the days start..end (whole months).
    Up to ITEM_SCOPE departments are counted per item; more (a city, a province) per department, from the
    month grain: a province's 40,000 items hold about one rollup row per case, its departments a few."""
    if scope is None or len(scope) > ITEM_SCOPE:
        return _by_department(scope, start, end)
    months = month_range(start, end)
    R = CaseRollup
    month = func.substr(R.day, 1, 7)
    by_month = _sums(scope, start, end, "received", R.department_id, month)
    department_names = _names(Department, [d for d, _m, _c in by_month])
    total = sum(c for _d, _m, c in by_month)
    top_items = _sums(scope, start, end, "received", R.item_id, order_top=TOP_ITEMS)
    missing_items = [i for i, _c in _sums(scope, start, end, "missing", R.item_id, order_top=TOP_ITEMS)]
    missing = _sums(scope, start, end, "missing", R.item_id, R.key, items=missing_items)
    done_items = [i for i, _c in _sums(scope, start, end, "completed", R.item_id, order_top=TOP_ITEMS)]
    completed = _sums(scope, start, end, "completed", R.item_id, R.key, items=done_items)
    item_names = _names(Item, [i for i, _c in top_items] + missing_items + done_items)
    materials = _material_names(missing_items)

    per_material: dict = {}
    for item, key, count in missing:
        per_material.setdefault(item_names[item], []).append((materials.get(item, {}).get(key, key), count))
    return Statistics(
        months=months,
        per_month=per_month([(department_names[d], m, c) for d, m, c in by_month], months),
        per_item=with_rest([(item_names[i], c) for i, c in top_items], total, "其他事项"),
        outcomes=labelled(dict(_sums(scope, start, end, "review", R.key)), outcome_label),
        decisions=labelled(dict(_sums(scope, start, end, "status", R.key)), status_label),
        missing={item: sorted(pairs, key=lambda p: (-p[1], p[0]))[:TOP_MATERIALS]
                 for item, pairs in sorted(per_material.items()) if any(c for _m, c in pairs)},
        handling=handling([(item_names[i], key, c) for i, key, c in completed]),
        total=total)


def _by_department(scope, start: date, end: date) -> Statistics:
    """Many departments: ranked and timed per department, from the month grain (no per-item lists). The
    ranking is done in SQL, so only the shown departments' rows and names are read."""
    months = month_range(start, end)
    M = CaseRollupMonth
    totals = PROVINCE_TOTAL if scope is None else scope   # sums over everything: the province rows
    top = _sums(scope, start, end, "received", M.department_id, order_top=TOP_ITEMS, monthly=True)
    month_totals = _sums(totals, start, end, "received", M.month, monthly=True)
    charted = [d for d, _c in top[:TOP_DEPARTMENTS]]
    by_month = _sums(charted, start, end, "received", M.department_id, M.month, monthly=True) if charted else []
    total = sum(c for _m, c in month_totals)
    ranked = [d for d, _c in top]   # handling time too is shown for the departments receiving the most
    completed = _sums(ranked, start, end, "completed", M.department_id, M.key, monthly=True) if ranked else []
    names = _names(Department, ranked)
    return Statistics(
        months=months,
        per_month=top_series([(names[d], m, c) for d, m, c in by_month], month_totals, months, "其他部门"),
        per_item=with_rest([(names[d], c) for d, c in top], total, "其他部门"),
        outcomes=labelled(dict(_sums(totals, start, end, "review", M.key, monthly=True)), outcome_label),
        decisions=labelled(dict(_sums(totals, start, end, "status", M.key, monthly=True)), status_label),
        missing={},
        handling=handling([(names[d], key, c) for d, key, c in completed]),
        total=total, by_department=True)
