"""The clerk's actions on an application: each checks the status machine, does its work (numbers,
dates on the working-day calendar), records the status history and an audit entry with before/after."""
from __future__ import annotations

from datetime import date

from runtime import audit
from runtime.engine.messages import render
from runtime.engine.workdays import CalendarRangeError, WorkCalendar
from runtime.extensions import db
from runtime.models import Application, ApplicationEvent
from runtime.models.timestamps import utcnow

from . import stages
from .numbering import next_number
from .transitions import ACTION_LABELS, NEEDS_REASON, IllegalTransition, next_status


def case_number(application: Application, year: int) -> str:
    """受理编号: the department's abbreviation (or the last 6 characters of its code), the year and a
    six-digit sequence per department and year, e.g. 秦市监2026000123."""
    dept = application.department
    prefix = dept.abbreviation or dept.code[-6:]
    return f"{prefix}{year}{next_number(dept.id, 'case', year):06d}"


def _due(calendar: WorkCalendar, start: date, limit: dict | None) -> str | None:
    if not limit:
        return None
    try:
        return calendar.due_date(start, int(limit["value"]), limit.get("unit", "working_day")).isoformat()
    except CalendarRangeError:
        return None  # the year's holidays are not entered yet: shown as 待定 until they are


def _with_clerk_opinion(result: dict | None, opinion: str) -> dict:
    """退回: the clerk's opinion joins the stored pre-review result as one more blocking finding, so the
    applicant's page and the one-time notice list it together with everything the machine found."""
    result = dict(result or {})
    findings = [f for f in result.get("findings", []) if f.get("kind") != "clerk"]
    findings.append({"id": "clerk:return", "kind": "clerk", "code": "clerk.return", "severity": "blocking",
                     "severity_label": render("severity.blocking"), "message": f"窗口审查意见:{opinion}",
                     "target": {}, "params": {}, "requirement": None})
    result.update(findings=findings, outcome="needs_correction", outcome_label=render("outcome.needs_correction"))
    return result


DECISIONS = {"granted": "准予许可", "refused": "不予许可"}


def perform(application: Application, action: str, *, user_id: int | None, note: str = "", today: date,
            calendar: WorkCalendar, decision: str | None = None) -> str:
    """Carry out ``action``; returns the new status. IllegalTransition (Chinese) when not allowed.
    办结 needs ``decision`` ("granted" or "refused") and every stage of the case done."""
    note = (note or "").strip()[:2000]
    if action in NEEDS_REASON and not note:
        raise IllegalTransition(f"请填写{ACTION_LABELS[action]}的理由或结果")
    before = {"status": application.status, "case_number": application.case_number}
    target = next_status(application.status, action)
    if (action in ("accept", "accept_tolerated") and application.status == "needs_correction"
            and (application.prereview or {}).get("outcome") == "needs_correction"):
        raise IllegalTransition("还有需要补正的问题:请先登记窗口收到的纸质材料,或退回申请人补正")
    definition = application.item_version.definition
    if action in ("accept", "accept_tolerated"):
        limits = definition.get("time_limits") or {}
        application.case_number = case_number(application, today.year)
        application.accepted_on = today.isoformat()
        application.promised_date = _due(calendar, today, limits.get("promised"))
        application.legal_date = _due(calendar, today, limits.get("legal"))
        application.fee_due_fen = int(((application.prereview or {}).get("fees") or {}).get("total_fen") or 0)
        if action == "accept_tolerated":
            days = [m.get("supplement_days") or 0 for m in definition.get("materials", []) if m.get("necessity") == "tolerated"]
            application.tolerated_until = _due(calendar, today, {"value": max(days or [10]), "unit": "working_day"})
    if action == "return":
        application.prereview = _with_clerk_opinion(application.prereview, note)
    if action == "complete":
        if decision not in DECISIONS:
            raise IllegalTransition("请选择办理结果:准予许可或不予许可")
        stages.require_all_done(application)
        application.decision = decision
    if note:
        application.decision_note = note
    application.handled_by_id = user_id
    application.status = target
    db.session.add(ApplicationEvent(application=application, status_from=before["status"], status_to=target,
                                    actor_id=user_id, note=(ACTION_LABELS[action] + (f"({DECISIONS[decision]})" if
                                                            action == "complete" else "")
                                                            + (f":{note}" if note else ""))[:1000]))
    if action in ("accept", "accept_tolerated"):
        for warning in stages.plan(application, user_id=user_id, now=utcnow()):
            db.session.add(ApplicationEvent(application=application, status_from=target, status_to=target,
                                            actor_id=None, note=warning[:1000]))
    audit.record(db.session, action, "Application", application.id,
                 f"{ACTION_LABELS[action]} {application.number or application.id}", before=before,
                 after={"status": target, "case_number": application.case_number, "note": note or None})
    db.session.flush()
    return target
