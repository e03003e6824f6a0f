"""The process after acceptance, driven by the definition: each ``process`` step becomes a stage done
in order by the lead department; a 联办件 gets a sign-off (会签) in each joint department's own queue;
a 上报件 records the hand-over to the higher authority and its answer. 办结 waits until every stage is
done. Every stage records who finished it and when."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from runtime import audit
from runtime.extensions import db
from runtime.models import Application, ApplicationEvent, CaseStage, Department

from .transitions import IllegalTransition

ACCEPTANCE_STEP = "受理"   # a definition's first step named 受理 is the acceptance itself
REFERRAL_NAME = "上报上级机关审批"
SIGNOFF_NAME = "联办会签"


def plan(application: Application, *, user_id: int | None, now: datetime) -> list[str]:
    """Create the stages at acceptance; returns warnings (joint departments not set up here)."""
    definition = application.item_version.definition
    implementation = definition.get("implementation") or {}
    position, warnings = 0, []
    for index, step in enumerate(definition.get("process") or []):
        position += 1
        accepted_now = index == 0 and ACCEPTANCE_STEP in step.get("name", "")
        db.session.add(CaseStage(application=application, position=position, kind="step", step_id=step.get("id"),
                                 name=step.get("name", "")[:100], role=(step.get("role") or "")[:100] or None,
                                 department_id=application.department_id,
                                 done_at=now if accepted_now else None, done_by_id=user_id if accepted_now else None,
                                 outcome="done" if accepted_now else None))
    if implementation.get("project_type") == "joint":
        for joint in implementation.get("joint_departments") or []:
            department = db.session.scalar(select(Department).where(Department.code == joint.get("code")))
            if department is None or department.id == application.department_id:
                if department is None:
                    warnings.append(f"联办机构“{joint.get('name', '')}”未在本系统建立,其会签须线下办理")
                continue
            position += 1
            db.session.add(CaseStage(application=application, position=position, kind="signoff",
                                     name=SIGNOFF_NAME, role=department.name[:100], department_id=department.id))
    if implementation.get("project_type") == "reported":
        position += 1
        db.session.add(CaseStage(application=application, position=position, kind="referral", name=REFERRAL_NAME,
                                 department_id=application.department_id))
    return warnings


def ordered(application: Application) -> list[CaseStage]:
    return sorted(application.stages, key=lambda s: s.position)


def open_stages(application: Application) -> list[CaseStage]:
    return [s for s in ordered(application) if s.done_at is None]


def next_step(application: Application) -> CaseStage | None:
    return next((s for s in open_stages(application) if s.kind == "step"), None)


def require_all_done(application: Application) -> None:
    pending = open_stages(application)
    if pending:
        names = "、".join(s.name if s.kind != "signoff" else f"{s.role}会签" for s in pending)
        raise IllegalTransition(f"还有未完成的办理环节:{names}")


def _stage(application: Application, stage_id: int, kind: str) -> CaseStage:
    stage = next((s for s in application.stages if s.id == stage_id and s.kind == kind), None)
    if stage is None:
        raise IllegalTransition("没有这个办理环节")
    if application.status != "accepted":
        raise IllegalTransition("只有已受理的办件才能办理环节")
    if stage.done_at is not None:
        raise IllegalTransition(f"“{stage.name}”已经办理")
    return stage


def _log(application, stage, text, user_id, before):
    db.session.add(ApplicationEvent(application=application, status_from=application.status,
                                    status_to=application.status, actor_id=user_id, note=text[:1000]))
    audit.record(db.session, "stage", "Application", application.id, f"{text[:80]} {application.number}",
                 before=before, after={"stage": stage.name, "outcome": stage.outcome, "note": stage.note})


def finish_step(application: Application, stage_id: int, *, note: str, user_id: int | None, now: datetime) -> None:
    """The lead department finishes the next process step (steps go in order)."""
    stage = _stage(application, stage_id, "step")
    if stage is not next_step(application):
        raise IllegalTransition(f"请先办理“{next_step(application).name}”")
    stage.done_at, stage.done_by_id, stage.outcome = now, user_id, "done"
    stage.note = (note or "").strip()[:1000] or None
    _log(application, stage, f"完成环节“{stage.name}”" + (f":{stage.note}" if stage.note else ""), user_id, {})


def sign_off(application: Application, stage_id: int, *, agree: bool, note: str, user_id: int | None,
             department_ids: list[int], now: datetime) -> None:
    """A joint department signs off in its own queue; a disagreement must give the reason."""
    stage = _stage(application, stage_id, "signoff")
    if stage.department_id not in department_ids:
        raise IllegalTransition("只能由联办部门本身会签")
    note = (note or "").strip()[:1000]
    if not agree and not note:
        raise IllegalTransition("不同意的,请写明意见")
    stage.done_at, stage.done_by_id, stage.outcome, stage.note = now, user_id, "agree" if agree else "disagree", note or None
    _log(application, stage, f"{stage.role}会签:{'同意' if agree else '不同意'}" + (f"({note})" if note else ""),
         user_id, {})


def hand_over(application: Application, stage_id: int, *, authority: str, user_id: int | None, now: datetime) -> None:
    """上报件: the file goes to the higher authority (after the lead department's own steps)."""
    stage = _stage(application, stage_id, "referral")
    authority = (authority or "").strip()[:200]
    if not authority:
        raise IllegalTransition("请写明报送的上级机关")
    if stage.handed_over_at:
        raise IllegalTransition("已经上报,请登记上级机关的答复")
    stage.authority, stage.handed_over_at, stage.handed_over_by_id = authority, now, user_id
    _log(application, stage, f"上报{authority}审批", user_id, {})


def record_answer(application: Application, stage_id: int, *, agree: bool, note: str, user_id: int | None,
                  now: datetime) -> None:
    stage = _stage(application, stage_id, "referral")
    if not stage.handed_over_at:
        raise IllegalTransition("尚未上报,不能登记答复")
    note = (note or "").strip()[:1000]
    if not note:
        raise IllegalTransition("请写明上级机关的答复(文号或意见)")
    stage.done_at, stage.done_by_id, stage.outcome, stage.note = now, user_id, "agree" if agree else "disagree", note
    _log(application, stage, f"{stage.authority}答复:{'同意' if agree else '不同意'}({note})", user_id, {})
