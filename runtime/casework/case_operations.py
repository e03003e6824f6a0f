"""Operations on an accepted case that do not change its status: pause and resume the clock for a
special procedure (art. 45), extend the legal limit with a reason (art. 42), record the fee paid
(收缴分离: the payment is made to the bank; the window records it), record that the materials missing at
容缺受理 have arrived. Dates are recomputed each time."""
from __future__ import annotations

from datetime import date

from runtime import audit
from runtime.engine.workdays import CalendarRangeError, Pause, WorkCalendar
from runtime.extensions import db
from runtime.models import Application, ApplicationEvent

from .transitions import IllegalTransition

MAX_EXTENSION_DAYS = 10  # art. 42: ten days, with the head of the authority's approval


def _pauses(application: Application, today: date) -> list[Pause]:
    out = []
    for p in application.pauses or []:
        end = date.fromisoformat(p["end"]) if p.get("end") else today
        out.append(Pause(date.fromisoformat(p["start"]), end))
    return out


def recompute(application: Application, calendar: WorkCalendar, today: date) -> None:
    """Promised and legal dates from acceptance, skipping paused days, plus any extension."""
    limits = application.item_version.definition.get("time_limits") or {}
    start, pauses = date.fromisoformat(application.accepted_on), _pauses(application, today)
    try:
        for attr, key in (("promised_date", "promised"), ("legal_date", "legal")):
            limit = limits.get(key)
            if not limit:
                continue
            value = int(limit["value"]) + (application.extension_days or 0 if key == "legal" else 0)
            setattr(application, attr, calendar.due_date(start, value, limit.get("unit", "working_day"),
                                                         pauses=pauses).isoformat())
    except CalendarRangeError:
        application.promised_date = application.legal_date = None


def _require_accepted(application: Application, what: str) -> None:
    if application.status != "accepted":
        raise IllegalTransition(f"只有已受理的办件才能{what}")


def _log(application, action, note, before, user_id):
    db.session.add(ApplicationEvent(application=application, status_from=application.status,
                                    status_to=application.status, actor_id=user_id, note=note[:1000]))
    audit.record(db.session, action, "Application", application.id, f"{note[:80]} {application.number}",
                 before=before, after={"promised_date": application.promised_date, "legal_date": application.legal_date,
                                       "pauses": application.pauses, "extension_days": application.extension_days,
                                       "fee_paid_fen": application.fee_paid_fen})


def pause(application, *, reason: str, user_id, today: date, calendar: WorkCalendar) -> None:
    _require_accepted(application, "暂停计时")
    reason = (reason or "").strip()[:200]
    if not reason:
        raise IllegalTransition("请写明特别程序(如检验、检测、鉴定、专家评审、听证)")
    if any(not p.get("end") for p in application.pauses or []):
        raise IllegalTransition("计时已经暂停")
    before = {"pauses": application.pauses}
    application.pauses = (application.pauses or []) + [{"start": today.isoformat(), "end": None, "reason": reason}]
    recompute(application, calendar, today)
    _log(application, "pause", f"暂停计时:{reason}", before, user_id)


def resume(application, *, user_id, today: date, calendar: WorkCalendar) -> None:
    _require_accepted(application, "恢复计时")
    running = [p for p in application.pauses or [] if not p.get("end")]
    if not running:
        raise IllegalTransition("计时没有暂停")
    before = {"pauses": application.pauses}
    application.pauses = [dict(p, end=today.isoformat()) if not p.get("end") else p for p in application.pauses]
    recompute(application, calendar, today)
    _log(application, "resume", f"恢复计时({running[0]['reason']})", before, user_id)


def extend(application, *, days: int, reason: str, user_id, today: date, calendar: WorkCalendar) -> None:
    _require_accepted(application, "延长期限")
    reason = (reason or "").strip()[:500]
    if not reason:
        raise IllegalTransition("延长办理期限须说明理由,并告知申请人")
    if not 1 <= days <= MAX_EXTENSION_DAYS - (application.extension_days or 0):
        raise IllegalTransition(f"法定期限最多延长 {MAX_EXTENSION_DAYS} 个工作日")
    before = {"legal_date": application.legal_date, "extension_days": application.extension_days}
    application.extension_days = (application.extension_days or 0) + days
    application.extension_reason = reason
    recompute(application, calendar, today)
    _log(application, "extend", f"延长法定期限 {days} 个工作日:{reason}", before, user_id)


def record_payment(application, *, amount_fen: int, user_id, today: date) -> None:
    _require_accepted(application, "登记缴费")
    if amount_fen <= 0 or (application.fee_due_fen is not None and amount_fen > application.fee_due_fen):
        raise IllegalTransition("缴费金额应大于 0 且不超过应缴金额")
    before = {"fee_paid_fen": application.fee_paid_fen}
    application.fee_paid_fen = (application.fee_paid_fen or 0) + amount_fen
    if application.fee_due_fen is not None and application.fee_paid_fen > application.fee_due_fen:
        raise IllegalTransition("缴费金额超过应缴金额")
    application.paid_on = today.isoformat()
    _log(application, "payment", f"登记缴费 {amount_fen / 100:.2f} 元", before, user_id)


def record_supplements(application, *, user_id, today: date) -> None:
    _require_accepted(application, "登记容缺材料补齐")
    if not application.tolerated_until:
        raise IllegalTransition("该办件不是容缺受理,没有待补齐的材料")
    if application.supplemented_on:
        raise IllegalTransition("容缺材料已经登记补齐")
    before = {"supplemented_on": None}
    application.supplemented_on = today.isoformat()
    late = "(已超过补齐期限)" if today.isoformat() > application.tolerated_until else ""
    _log(application, "supplements", f"容缺材料已补齐{late}", before, user_id)
