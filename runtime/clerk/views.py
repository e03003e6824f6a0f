"""Queue, case file and actions for 窗口人员 (and department/system administrators), scoped to the
user's departments in every query: another department's case is not found."""
from __future__ import annotations

from functools import lru_cache

from flask import Response, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select, true

from runtime import clock, work_calendar
from runtime.casework.actions import perform
from runtime.casework.transitions import ACTION_LABELS, STATUS_LABELS, IllegalTransition
from runtime.documents.issuing import printable
from runtime.documents.register import kept_document, printed_document, servable
from runtime.extensions import db
from runtime.models import Application, ApplicationFile, Item, ItemVersion
from runtime.security.roles import CLERK, DEPARTMENT_ADMIN, SYSTEM_ADMIN
from runtime.security.scoping import department_ids
from runtime.stored_files import file_store, stored_response

from . import bp

ROLES = frozenset({CLERK, DEPARTMENT_ADMIN, SYSTEM_ADMIN})
QUEUE_STATUSES = ("submitted", "reviewed", "needs_correction", "accepted", "rejected", "completed", "voided")
MAX_ITEM_CHOICES = 500   # the item filter's list; the system administrator's province has tens of thousands
# Documents a clerk can print in each status (the item's documents.enabled narrows them).
DOCUMENTS = {"submitted": ("one_time_notice", "receipt", "guide"),
             "reviewed": ("one_time_notice", "receipt", "guide"),
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
    """The queue, one keyset page at a time (runtime/casework/queue.py)."""
    from runtime.casework import queue as case_queue
    from runtime.casework.deadlines import signal
    from runtime.security.scoping import is_system_admin

    from . import department_filter
    status = request.args.get("status") if request.args.get("status") in QUEUE_STATUSES else None
    query = request.args.get("q", "").strip()[:50]
    view = request.args.get("view") if request.args.get("view") in case_queue.VIEWS else "all"
    for flag, name in (("overdue", "overdue"), ("soon", "due_soon"), ("supplements", "supplements")):
        if request.args.get(flag) == "1":   # the older links of these views
            view = name
    scope = None if is_system_admin() else department_ids()
    departments = department_filter.choose(scope, request.args)
    department_id = departments.chosen
    if department_id:
        scope = [department_id]
    items = db.session.execute(select(Item.id, Item.name).where(Item.department_id.in_(scope) if scope is not None
                                                                else true(), Item.current_version.is_not(None))
                               .order_by(Item.name).limit(MAX_ITEM_CHOICES + 1)).all()
    too_many_items = len(items) > MAX_ITEM_CHOICES   # then the item filter waits for a department
    items = [] if too_many_items else items
    wanted = request.args.get("item", "")
    item_id = int(wanted) if wanted.isascii() and wanted.isdigit() and any(i.id == int(wanted) for i in items) else None
    calendar, today = work_calendar.calendar(), clock.today()
    page = case_queue.page(scope, today=today, view=view, status=status, item_id=item_id, query=query,
                           after=request.args.get("after"), session=db.session)
    signals = {a.id: signal(a, calendar, today) for a in page.rows}
    here = {k: v for k, v in (("view", view if view != "all" else None), ("department", department_id),
                              ("department_q", departments.search or None), ("status", status), ("item", item_id),
                              ("q", query or None)) if v}
    return render_template("clerk/queue.html", rows=page.rows, status=status, query=query, view=view,
                           labels=STATUS_LABELS, signals=signals, items=items, item_id=item_id, too_many_items=too_many_items,
                           departments=departments,
                           statuses=QUEUE_STATUSES, here=here, next_after=page.next_after,
                           first_page=not request.args.get("after"))


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
    documents = printable(application, DOCUMENTS)
    return render_template("clerk/case.html", a=application, doc=definition,
                           answers=answer_lines(definition, application.answers or {}), material_names=material_names,
                           signal=signal(application, work_calendar.calendar(), clock.today()),
                           doc_titles={k[6:]: v for k, v in WORDING.items() if k.startswith("title.")},
                           result=result, status_labels=STATUS_LABELS,
                           options=action_panel.options(application.status, result.get("outcome")),
                           paper=paper_intake.outstanding(application)
                           if application.status in paper_intake.OPEN_FOR_PAPER else [],
                           history=timeline.entries(application), documents=documents,
                           ready={k for k in documents if servable(application, k)},
                           stages=stages.ordered(application), next_step=stages.next_step(application),
                           step_limits={s.get("id"): duration(s["limit"]) for s in definition.get("process") or []
                                        if s.get("limit")},
                           lead=application.department_id in department_ids(), my_departments=department_ids(),
                           pdf_pages=_pdf_pages(application))


def _pdf_pages(application) -> dict:
    """Pages to preview per uploaded PDF (file id -> count; 0: cannot be previewed)."""
    return {f.id: _page_count(f.stored_file.sha256) for f in application.files
            if f.stored_file.media_type == "application/pdf"}


@lru_cache(maxsize=2048)
def _page_count(sha256: str) -> int:
    """Content-addressed: a stored file's page count never changes, so each worker asks poppler once."""
    from runtime import pdf_preview
    try:
        with file_store().local_copy(sha256) as path:
            return pdf_preview.page_count(path)
    except FileNotFoundError:
        return 0


@bp.post("/applications/<int:application_id>/<action>")
def act(application_id: int, action: str):
    application = _case(application_id)
    if action not in ACTION_LABELS or action in ("submit", "withdraw"):
        abort(404)
    from runtime.casework.action_panel import DOCUMENTS as ISSUES
    if action in ISSUES and request.form.get("confirm") != "1":   # the page's checkbox, checked here too
        flash(_("Tick the box confirming that you checked the case: %(action)s issues the %(document)s.",
                action=ACTION_LABELS[action], document=ISSUES[action]))
        return case_file(application_id), 400
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


@bp.post("/applications/<int:application_id>/documents/<kind>/issue")
def issue_document(application_id: int, kind: str):
    """出具: number, render, sign and keep the document (once per decision), then show it. A POST with
    CSRF, so a link or image on another site cannot take a 文书编号 (runtime/documents/register.py)."""
    application = _case(application_id)
    if kind not in printable(application, DOCUMENTS):
        abort(404)
    printed_document(application, kind, today=clock.today(), user_id=current_user.id,
                     clerk=current_user.first_name + current_user.last_name)
    return redirect(url_for("clerk.document", application_id=application_id, kind=kind), 303)


@bp.get("/applications/<int:application_id>/documents/<kind>.pdf")
def document(application_id: int, kind: str):
    """The issued file (every reprint is the same bytes); a document not issued yet is not made here."""
    application = _case(application_id)
    if kind not in printable(application, DOCUMENTS):
        abort(404)
    kept = kept_document(application, kind, today=clock.today(), clerk=current_user.first_name + current_user.last_name)
    if kept is None:
        from runtime.documents.wording import WORDING
        return render_template("clerk/document_not_issued.html", a=application, kind=kind,
                               title=WORDING.get(f"title.{kind}", kind)), 404
    return Response(kept.pdf, mimetype="application/pdf", headers={"Cache-Control": "private, no-store",
                    "Content-Disposition": f'inline; filename="{kind}-{application.number}.pdf"'})


@bp.get("/files/<int:file_id>")
def material_file(file_id: int):
    row = db.session.get(ApplicationFile, file_id)
    if row is None:
        abort(404)
    _case(row.application_id, joint=True)
    stored = row.stored_file
    # Images are shown inside the case file; PDFs are previewed as rendered pages (material_page) and
    # the original is only downloaded, so the browser's viewer never runs a script the citizen put in it.
    disposition = "attachment" if stored.media_type == "application/pdf" else "inline"
    return stored_response(stored.sha256, stored.media_type, headers={
        "Content-Disposition": disposition, "X-Content-Type-Options": "nosniff", "Cache-Control": "private, no-store",
        "Content-Security-Policy": "default-src 'none'; img-src 'self'; sandbox; frame-ancestors 'self'"})


@bp.get("/files/<int:file_id>/pages/<int:page>.png")
def material_page(file_id: int, page: int):
    """One page of an uploaded PDF as an image rendered on the server (runtime/pdf_preview.py)."""
    from runtime import pdf_preview
    row = db.session.get(ApplicationFile, file_id)
    if row is None or row.stored_file.media_type != "application/pdf":
        abort(404)
    _case(row.application_id)
    if not 1 <= page <= _page_count(row.stored_file.sha256):
        abort(404)
    try:
        with file_store().local_copy(row.stored_file.sha256) as path:
            data = pdf_preview.render_page(path, page)
    except (pdf_preview.PreviewFailed, FileNotFoundError):
        current_app.logger.warning("PDF preview failed for stored file %s", row.stored_file.sha256[:12])
        abort(404)
    return Response(data, mimetype="image/png", headers={
        "X-Content-Type-Options": "nosniff", "Cache-Control": "private, max-age=3600",
        "Content-Security-Policy": "default-src 'none'; sandbox"})


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
    from runtime.casework import case_operations as ops, stages
    from runtime.form_numbers import whole_number, yuan_to_fen
    from runtime.models.timestamps import utcnow
    application = _case(application_id, joint=op == "signoff")
    form, today, calendar = request.form, clock.today(), work_calendar.calendar()
    stage = form.get("stage", "")
    stage_id = int(stage) if stage.isascii() and stage.isdigit() and len(stage) < 10 else 0
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
            days = whole_number(form.get("days")) or 0   # 0 and anything not a number: refused by extend()
            ops.extend(application, days=days, reason=form.get("note", ""), user_id=current_user.id, today=today,
                       calendar=calendar)
        elif op == "payment":
            fen = yuan_to_fen(form.get("amount")) or 0   # 0 and anything not an amount: refused by record_payment()
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
