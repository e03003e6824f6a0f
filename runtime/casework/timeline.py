"""The case history as people read it: who did what, and when. The automatic pre-review's outcome is
named as the machine's finding ("自动预审:可容缺受理"), never like a clerk's act, and every act by a
person names that person."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from runtime.extensions import db

from .transitions import STATUS_LABELS

SYSTEM = "系统"
APPLICANT = "申请人"
# What the machine found, worded so that nobody reads it as the decision (which is the clerk's).
AUTO_OUTCOMES = {"acceptable": "材料齐全,可以受理", "tolerated": "只缺可容缺的材料,可以容缺受理",
                 "needs_correction": "需要补正"}


@dataclass(frozen=True)
class Entry:
    at: datetime
    who: str
    what: str                 # the act or finding
    status: str               # the status label after it
    automatic: bool


def entries(application) -> list[Entry]:
    from flask import current_app
    user_model = current_app.appbuilder.sm.user_model
    ids = {e.actor_id for e in application.events if e.actor_id}
    names = {u.id: f"{u.first_name}{u.last_name}" for u in
             db.session.scalars(select(user_model).where(user_model.id.in_(ids)))} if ids else {}
    out = []
    for event in application.events:
        status = STATUS_LABELS.get(event.status_to, event.status_to)
        if event.review:   # an online submission, checked by the automatic pre-review
            code = event.review.get("outcome")
            tail = "" if code == "needs_correction" else "(是否受理由窗口人员决定)"
            out.append(Entry(event.at, SYSTEM, f"提交后自动预审:{AUTO_OUTCOMES.get(code, '')}{tail}", status, True))
        elif event.actor_id:
            out.append(Entry(event.at, names.get(event.actor_id, f"用户 {event.actor_id}"), event.note or status,
                             status, False))
        else:
            who = APPLICANT if event.status_to in ("draft", "submitted", "withdrawn", "needs_correction") else SYSTEM
            out.append(Entry(event.at, who, event.note or status, status, False))
    return out
