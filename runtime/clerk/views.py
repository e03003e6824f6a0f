"""Queue, case file and actions for 窗口人员 (and department/system administrators), scoped to the
user's departments in every query: another department's case is not found."""
from __future__ import annotations


from flask import Response, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import or_, select

from runtime import clock, work_calendar
from runtime.casework.actions import perform
from runtime.casework.queue_summary import awaiting_supplements
from runtime.casework.transitions import ACTION_LABELS, STATUS_LABELS, IllegalTransition
from runtime.documents import DocumentContext, load_theme, render_pdf
from runtime.documents.issuing import document_result, issue, printable, reasons
from runtime.extensions import db
from runtime.models import Application, ApplicationFile, Item, ItemVersion
from runtime.security.roles import CLERK, DEPARTMENT_ADMIN, SYSTEM_ADMIN
from runtime.security.scoping import department_ids
from runtime.stored_files import file_store

from . import bp

ROLES = frozenset({CLERK, DEPARTMENT_ADMIN, SYSTEM_ADMIN})
QUEUE_STATUSES = ("submitted", "reviewed", "needs_correction", "accepted", "rejected", "completed", "voided")
OPEN_STATUSES = ("submitted", "reviewed", "needs_correction", "accepted")
# Documents a clerk can print in each status (the item's documents.enabled narrows them).
DOCUMENTS = {"submitted": ("one_time_notice", "acceptance_slip", "guide"),
             "reviewed": ("one_time_notice", "acceptance_slip", "guide"),
             "needs_correction": ("one_time_notice", "guide"),
             "accepted": ("acceptance_notice", "acceptance_slip", "fee_notice", "guide"),
             "completed": ("acceptance_notice", "acceptance_slip", "fee_notice", "guide"),
             "rejected": ("rejection_notice", "guide"), "voided": ("guide",)}


@bp.before_request
def _clerks_only():
    if not getattr(current_user, "is_authenticated", False):
        return redirect(url_for("AuthDBView.login", next=request.path))
    if not ROLES & {r.name for r in current_user.roles}:
        abort(403)


def _case(application_id: int, *, joint: bool = False) -> Application:
    """The case if the user's departments handle it; with ``joint``, also when one of them signs off
    on it as a joint department (联办件: they see the file and their sign-off, nothing else)."""
    application = db.session.get(Application, application_id)
    if application is None or application.status == "draft":
        abort(404)
    mine = department_ids()
    if application.department_id not in mine and not (joint and any(s.department_id in mine
                                                                     for s in application.stages)):
        abort(404)
    return application


@bp.get("/")
def queue():
    status = request.args.get("status") if request.args.get("status") in QUEUE_STATUSES else None
    query = request.args.get("q", "").strip()[:50]
    overdue = request.args.get("overdue") == "1"
    due_soon, supplements = request.args.get("soon") == "1", request.args.get("supplements") == "1"
    items = db.session.scalars(select(Item).where(Item.department_id.in_(department_ids()),
                                                  Item.current_version.is_not(None)).order_by(Item.name)).all()
    item_id = next((i.id for i in items if str(i.id) == request.args.get("item")), None)
    stmt = select(Application).where(Application.department_id.in_(department_ids()), Application.status != "draft")
    if status:
        stmt = stmt.where(Application.status == status)
    if item_id:
        stmt = stmt.where(Application.item_version_id.in_(select(ItemVersion.id).where(ItemVersion.item_id == item_id)))
    if overdue or due_soon or supplements:
        stmt = stmt.where(Application.status.in_(OPEN_STATUSES))
    if query:
        like = f"%{query.replace('%', '').replace('_', '')}%"
        rows = db.session.scalars(stmt.where(or_(Application.number.like(like), Application.case_number.like(like)))
                                  .order_by(Application.updated_at.desc()).limit(500)).all()
        if not rows:  # the applicant's name lives in JSON: filter those in Python
            everyone = db.session.scalars(stmt.order_by(Application.updated_at.desc()).limit(5000)).all()
            rows = [a for a in everyone if query in str((a.applicant or {}).get("name", ""))][:500]
    else:
        rows = db.session.scalars(stmt.order_by(Application.updated_at.desc()).limit(500)).all()
    from runtime.casework.deadlines import signal
    calendar, today = work_calendar.calendar(), clock.today()
    signals = {a.id: signal(a, calendar, today) for a in rows}
    if overdue or due_soon:
        level = "red" if overdue else "yellow"
        rows = [a for a in rows if signals[a.id] and signals[a.id].level == level]
    if supplements:
        rows = [a for a in rows if awaiting_supplements(a)]
    return render_template("clerk/queue.html", rows=rows, status=status, query=query, overdue=overdue,
                           due_soon=due_soon, supplements=supplements,
                           labels=STATUS_LABELS, signals=signals, items=items, item_id=item_id,
                           statuses=QUEUE_STATUSES)


@bp.get("/applications/<int:application_id>")
def case_file(application_id: int):
    application = _case(application_id, joint=True)
    definition = application.item_version.definition
    material_names = {m["id"]: m["name"] for m in definition.get("materials", [])}
    from runtime.documents.wording import WORDING
    from runtime.casework.deadlines import signal
    from runtime.engine.answer_display import answer_lines
    from runtime.casework import action_panel, paper_intake, stages, timeline
    from runtime.documents.view_models import duration
    result = application.prereview or {}
    return render_template("clerk/case.html", a=application, doc=definition,
                           answers=answer_lines(definition, application.answers or {}), material_names=material_names,
                           signal=signal(application, work_calendar.calendar(), clock.today()),
                           doc_titles={k[6:]: v for k, v in WORDING.items() if k.startswith("title.")},
                           result=result, status_labels=STATUS_LABELS,
                           options=action_panel.options(application.status, result.get("outcome")),
                           paper=paper_intake.outstanding(application)
                           if application.status in paper_intake.OPEN_FOR_PAPER else [],
                           history=timeline.entries(application), documents=printable(application, DOCUMENTS),
                           stages=stages.ordered(application), next_step=stages.next_step(application),
                           step_limits={s.get("id"): duration(s["limit"]) for s in definition.get("process") or []
                                        if s.get("limit")},
                           lead=application.department_id in department_ids(), my_departments=department_ids())


@bp.post("/applications/<int:application_id>/<action>")
def act(application_id: int, action: str):
    application = _case(application_id)
    if action not in ACTION_LABELS or action in ("submit", "withdraw"):
        abort(404)
    try:
        perform(application, action, user_id=current_user.id, note=request.form.get("note", ""), today=clock.today(),
                calendar=work_calendar.calendar(), decision=request.form.get("decision"))
    except IllegalTransition as exc:
        db.session.rollback()
        flash(str(exc))
        return redirect(url_for("clerk.case_file", application_id=application_id)), 303
    db.session.commit()
    flash(_("Done: %(action)s.", action=ACTION_LABELS[action]))
    return redirect(url_for("clerk.case_file", application_id=application_id))


@bp.get("/applications/<int:application_id>/documents/<kind>.pdf")
def document(application_id: int, kind: str):
    application = _case(application_id)
    if kind not in printable(application, DOCUMENTS):
        abort(404)
    issued = issue(application, kind, today=clock.today(), user_id=current_user.id)
    db.session.commit()  # the number is kept even if rendering fails: a retry prints the same one
    ctx = DocumentContext(number=issued.number if issued else "",
                          issued_on=issued.issued_on if issued else clock.today().isoformat(),
                          application_number=application.number or "", case_number=application.case_number or "",
                          applicant=application.applicant or {},
                          clerk=current_user.first_name + current_user.last_name, reasons=reasons(application, kind),
                          calendar=work_calendar.calendar())
    data = render_pdf(kind, application.item_version.definition, document_result(application), ctx,
                      load_theme(current_app.config.get("YIWANG_THEME", "default")))
    return Response(data, mimetype="application/pdf", headers={"Cache-Control": "private, no-store",
                    "Content-Disposition": f'inline; filename="{kind}-{application.number}.pdf"'})


@bp.get("/files/<int:file_id>")
def material_file(file_id: int):
    row = db.session.get(ApplicationFile, file_id)
    if row is None:
        abort(404)
    _case(row.application_id, joint=True)
    stored = row.stored_file
    # Shown inside the case file (images in <img>, PDFs in a frame of this site only). A sandboxed PDF
    # would not open in Chromium's viewer, so PDFs get a policy without scripts or outside requests instead.
    policy = ("default-src 'none'; frame-ancestors 'self'" if stored.media_type == "application/pdf" else
              "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox; frame-ancestors 'self'")
    return Response(file_store().read(stored.sha256), mimetype=stored.media_type, headers={
        "Content-Disposition": "inline", "X-Content-Type-Options": "nosniff", "Cache-Control": "private, no-store",
        "Content-Security-Policy": policy})


@bp.route("/intake", methods=["GET", "POST"])
def intake():
    """窗口收件: the clerk fills the same generated form for a walk-in applicant (channel "window")."""
    from runtime.portal.drafts import create_draft
    from runtime.portal.published import public_item
    items = db.session.scalars(select(Item).where(Item.department_id.in_(department_ids()),
                                                  Item.current_version.is_not(None)).order_by(Item.name)).all()
    if request.method == "POST":
        item = next((i for i in items if str(i.id) == request.form.get("item")), None)
        if item is None:
            abort(404)
        _item, version, _compiled = public_item(item.id) if item.online else (item, _latest(item), None)
        application, token = create_draft(version, None)
        application.channel = "window"
        application.handled_by_id = current_user.id
        db.session.commit()
        return redirect(url_for("portal.page", token=token, key="applicant"))
    return render_template("clerk/intake.html", items=items)


def _latest(item):
    return db.session.scalar(select(ItemVersion).where(ItemVersion.item_id == item.id,
                                                       ItemVersion.number == item.current_version))


@bp.post("/applications/<int:application_id>/ops/<op>")
def case_operation(application_id: int, op: str):
    """Pause/resume the clock, extend the legal limit, record a payment, record paper materials handed
    over at the window, finish a stage of the process (status unchanged)."""
    from decimal import Decimal, InvalidOperation

    from runtime.casework import case_operations as ops, stages
    from runtime.models.timestamps import utcnow
    application = _case(application_id, joint=op == "signoff")
    form, today, calendar = request.form, clock.today(), work_calendar.calendar()
    stage_id = int(form["stage"]) if form.get("stage", "").isdigit() and len(form["stage"]) < 10 else 0
    agree = form.get("agree") == "1"
    try:
        if op == "step":
            stages.finish_step(application, stage_id, note=form.get("note", ""), user_id=current_user.id, now=utcnow())
        elif op == "signoff":
            stages.sign_off(application, stage_id, agree=agree, note=form.get("note", ""), user_id=current_user.id,
                            department_ids=department_ids(), now=utcnow())
        elif op == "handover":
            stages.hand_over(application, stage_id, authority=form.get("authority", ""), user_id=current_user.id,
                             now=utcnow())
        elif op == "answer":
            stages.record_answer(application, stage_id, agree=agree, note=form.get("note", ""),
                                 user_id=current_user.id, now=utcnow())
        elif op == "pause":
            ops.pause(application, reason=form.get("note", ""), user_id=current_user.id, today=today, calendar=calendar)
        elif op == "resume":
            ops.resume(application, user_id=current_user.id, today=today, calendar=calendar)
        elif op == "extend":
            days = int(form.get("days", "0")) if form.get("days", "").isdigit() else 0
            ops.extend(application, days=days, reason=form.get("note", ""), user_id=current_user.id, today=today,
                       calendar=calendar)
        elif op == "payment":
            try:
                fen = int(Decimal(form.get("amount", "").strip() or "0") * 100)
            except InvalidOperation:
                fen = 0
            ops.record_payment(application, amount_fen=fen, user_id=current_user.id, today=today)
        elif op == "supplements":
            ops.record_supplements(application, user_id=current_user.id, today=today)
        elif op == "paper":
            from runtime.casework.paper_intake import record_paper
            record_paper(application, form.getlist("material"), user_id=current_user.id, today=today,
                         calendar=calendar)
        else:
            abort(404)
    except IllegalTransition as exc:
        db.session.rollback()
        flash(str(exc))
        return redirect(url_for("clerk.case_file", application_id=application_id)), 303
    db.session.commit()
    flash(_("Saved."))
    return redirect(url_for("clerk.case_file", application_id=application_id))
