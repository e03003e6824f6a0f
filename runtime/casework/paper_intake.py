"""Materials handed over on paper at the window (窗口收取纸质材料): the clerk ticks each material received,
the automatic pre-review runs again with them counted as received, and a case waiting for
corrections can then be accepted (or 容缺受理) without the applicant submitting online again."""
from __future__ import annotations

from datetime import date

from runtime import audit
from runtime.engine.compiled_item import compile_item
from runtime.engine.prereview import prereview
from runtime.engine.workdays import WorkCalendar
from runtime.extensions import db
from runtime.models import Application, ApplicationEvent
from runtime.models.timestamps import utcnow

from .transitions import IllegalTransition

OPEN_FOR_PAPER = ("submitted", "reviewed", "needs_correction")


def outstanding(application: Application) -> list[dict]:
    """The materials the last pre-review found missing or defective, or waiting for the paper original:
    what the clerk can tick as received ({"id", "name", "status"})."""
    lines = (application.prereview or {}).get("materials") or []
    return [{"id": m["id"], "name": m.get("name", m["id"]), "status": m.get("status")} for m in lines
            if m.get("status") in ("missing", "invalid", "bring_paper", "tolerated")]


def record_paper(application: Application, material_ids: list[str], *, user_id: int | None, today: date,
                 calendar: WorkCalendar) -> dict:
    """Mark ``material_ids`` received on paper and review again; returns the new pre-review result."""
    if application.status not in OPEN_FOR_PAPER:
        raise IllegalTransition("只有待预审、待受理或待补正的办件才能登记窗口收取的纸质材料")
    definition = application.item_version.definition
    names = {m["id"]: m["name"] for m in definition.get("materials", [])}
    chosen = [m for m in dict.fromkeys(material_ids) if m in names]
    if not chosen:
        raise IllegalTransition("请勾选窗口收到的纸质材料")
    materials = dict(application.materials or {})
    for material_id in chosen:
        entry = dict(materials.get(material_id) or {}) if isinstance(materials.get(material_id), dict) else {}
        if entry.get("files"):   # the paper original replaces a defective upload; the upload stays on record
            entry["online_files"] = entry.pop("files")
        materials[material_id] = {**entry, "received": True, "received_on": today.isoformat()}
    before = {"outcome": (application.prereview or {}).get("outcome")}
    application.materials = materials
    engine_input = {"applicant": application.applicant or {}, "answers": application.answers or {},
                    "materials": materials, "channel": application.channel or "online",
                    "submitted_on": today.isoformat()}
    result = prereview(compile_item(definition, validate=False), engine_input, today=today, calendar=calendar)
    application.prereview = result.to_dict()
    if application.submitted_at is None:   # complete only now: received at the window today
        application.submitted_at = utcnow()
    note = "窗口收取纸质材料:" + "、".join(names[m] for m in chosen) + f";自动预审重新核对:{result.outcome_label}"
    db.session.add(ApplicationEvent(application=application, status_from=application.status,
                                    status_to=application.status, actor_id=user_id, note=note[:1000]))
    audit.record(db.session, "paper", "Application", application.id, f"{note[:80]} {application.number}",
                 before=before, after={"outcome": result.outcome, "received": chosen})
    return application.prereview
