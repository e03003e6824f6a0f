"""Filling in an application: one page per step, re-evaluated by the server on every post (works
without JavaScript), uploads per material, the declaration, submit with automatic pre-review,
withdraw. The resume link (/zwfw/a/<token>/…) is the secret that opens a draft."""
from __future__ import annotations

from urllib.parse import quote as url_quote

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from runtime import clock, work_calendar
from runtime.i18n import locale_name
from runtime.engine.form_state import FormState, form_state, state_of
from runtime.engine.prereview import prereview
from runtime.extensions import db
from runtime.models import ApplicationFile
from runtime.models.timestamps import utcnow
from runtime.security.draft_csrf import form_token
from runtime.errors import error_response
from runtime.file_names import clean_file_name
from runtime.stored_files import FileRejected, save_file

from . import applicant_form, bp, citizen_limits, draft_expiry
from .answers_summary import answer_sections, material_lines
from .drafts import (EDITABLE, claim_for_submit, create_draft, find_by_token, next_number, read_by_token, record_status,
                     review_summary)
from .form_binding import bind_fields, row_action
from .page_chrome import error_summary_block, flash_block, live_logic, progress_nav, signed_in
from .page_shells import render_shell
from .prefill import prefilled
from .scenario import scenario_fields
from .published import compiled as compiled_version, compiled_by_id, public_item
from .step_fields import applicant_fields, step_fields
from .wizard import APPLICANT, MATERIALS, REVIEW, neighbours, pages

MAX_FILES_PER_MATERIAL = 20


def _load(token: str, editable: bool = True):
    application = find_by_token(token)
    if application is None:
        abort(404)
    if editable and application.status not in EDITABLE:
        return application, None
    return application, compiled_version(application.item_version)


def _engine_input(application) -> dict:
    return {"applicant": application.applicant or {}, "answers": application.answers or {},
            "materials": application.materials or {}, "channel": application.channel or "online"}


def _review(application, compiled, deadlines: bool = False):
    """Pre-review for the pages; only the review page shows completion dates (and needs the calendar)."""
    if not deadlines:
        return prereview(compiled, _engine_input(application), today=clock.today(), deadlines=False)
    return prereview(compiled, _engine_input(application), today=clock.today(), calendar=work_calendar.calendar())


def _go(token: str, key: str):
    return redirect(url_for("portal.page", token=token, key=key))


@bp.post("/items/<int:item_id>/start")
def start(item_id: int):
    item, version, compiled = public_item(item_id)
    if not citizen_limits.may_start_draft():
        return error_response(429, _("Too many applications were started from your network in the last hour. "
                                     "Please continue one you started (with its link) or try again later."))
    user_id = current_user.id if getattr(current_user, "is_authenticated", False) else None
    application, token = create_draft(version, user_id)
    # answers carried from the scenario guide (only its questions, bound and checked like any step)
    carried = bind_fields(scenario_fields(compiled), request.form)
    application.answers = {k: v for k, v in carried.items() if v not in (None, "", [])}
    db.session.commit()
    flash(_("Your application was created. Keep the address of this page: it is your link to resume it."))
    flash(_("An application that is not submitted is deleted %(days)d days after its last change.",
            days=draft_expiry.expiry_days()))
    return _go(token, APPLICANT)


@bp.route("/a/<token>/<key>", methods=["GET", "POST"])
def page(token: str, key: str):
    if request.method == "GET" and key not in (MATERIALS, REVIEW):
        return _show_step(token, key)
    application, compiled = _load(token)
    if compiled is None:
        return redirect(url_for("portal.done", token=token))
    result = _review(application, compiled, deadlines=key == REVIEW)
    all_pages = pages(compiled, result)
    current = next((p for p in all_pages if p.key == key), None)
    if current is None:
        abort(404)
    if key == MATERIALS:
        return _materials(application, compiled, result, all_pages, current, token)
    if key == REVIEW:
        return render_template("portal/review.html", application=application, doc=compiled.doc, result=result,
                               pages=all_pages, current=current, token=token,
                               sections=answer_sections(all_pages, application, result.visible_fields),
                               materials=material_lines(result, application))
    errors, status = {}, 200
    if request.method == "POST":
        direction = request.form.get("go", "next")
        if key == APPLICANT:
            application.applicant = applicant_form.bind(request.form)
            # stored now, so the pre-review and the check page see what the steps will show
            application.answers = prefilled([f for step in compiled.steps for f in step.fields],
                                            application.answers or {}, application.applicant)
        else:
            answers = dict(application.answers or {})
            answers.update(bind_fields(current.step.fields, request.form))
            action = row_action(request.form)
            if action:
                _apply_row_action(answers, current.step, action)
            application.answers = answers
            if action:
                db.session.commit()
                result = _review(application, compiled)
                return _render_step(_step_context(application, compiled, state_of(result), all_pages, current, token, {}))
        db.session.commit()
        result = _review(application, compiled)
        all_pages = pages(compiled, result)
        errors = _page_errors(application, result, current)
        if direction == "save":
            flash(_("Saved. You can come back with the link of this page at any time."))
        elif direction == "next" and not errors and request.args.get("back") == REVIEW:
            return _go(token, REVIEW)     # came from 修改 on the check-your-answers page
        elif direction == "back" or not errors:
            before, after = neighbours(all_pages, key)
            target = before if direction == "back" else after
            if target is not None:
                return _go(token, target.key)
        else:
            status = 400
    context = _step_context(application, compiled, state_of(result), all_pages, current, token, errors)
    return _render_step(context), status


def _show_step(token: str, key: str):
    """A form step or the applicant page as it stands: read only, so without the ORM (the most viewed
    page of the portal; every save redirects to one)."""
    draft = read_by_token(token)
    if draft is None:
        abort(404)
    if draft.status not in EDITABLE:
        return redirect(url_for("portal.done", token=token))
    compiled = compiled_by_id(draft.item_version_id, draft.checksum)
    state = form_state(compiled, _engine_input(draft), today=clock.today())
    all_pages = pages(compiled, state)
    current = next((p for p in all_pages if p.key == key), None)
    if current is None:
        abort(404)
    return _render_step(_step_context(draft, compiled, state, all_pages, current, token, {}))


def _page_errors(application, result, current) -> dict:
    if current.key == APPLICANT:
        return applicant_form.problems(application.applicant or {})
    field_ids = {f.id for f in current.step.fields}
    errors = {}
    for finding in result.findings:
        path = (finding.target or {}).get("path", "")
        top = path.removeprefix("answers.").split("[", 1)[0].split(".", 1)[0]
        if finding.kind == "field" and top in field_ids:  # group rows are answers.<group>[i].<sub>
            errors.setdefault(_error_key(path), finding.message)
    return errors


def _error_key(path: str) -> str:
    """answers.members[2].name -> members-2-name: the form control's name, so summary links reach it."""
    return path.removeprefix("answers.").replace("[", "-").replace("].", "-")


def _apply_row_action(answers, step, action):
    kind, group_id, index = action
    field = next((f for f in step.fields if f.id == group_id and f.check.type == "group"), None)
    if field is None:
        return
    rows = list(answers.get(group_id) or [])
    if kind == "add" and len(rows) < int(field.check.spec.get("max_items", 200)):
        rows.append({sub.id: None for sub in field.sub_fields})
    elif kind == "remove" and index is not None and 0 <= index < len(rows):
        rows.pop(index)
    answers[group_id] = rows


def _step_context(application, compiled, state: FormState, all_pages, current, token, errors):
    answers = application.answers or {}
    if current.step is not None:
        answers = prefilled(current.step.fields, answers, application.applicant or {})
    return {"application": application, "doc": compiled.doc, "compiled": compiled, "pages": all_pages, "current": current,
            "token": token, "errors": errors, "answers": answers,
            "applicant": application.applicant or {}, "visible": state.visible_fields,
            "required": _required_fields(compiled, state)}


def _render_step(ctx) -> str:
    """portal/step.html from its shell (see page_shells): the layout, titles and labels are the same
    for every applicant of this version, page and locale; the rest is filled in per request."""
    if not current_app.config.get("YIWANG_PAGE_SHELLS", True):
        return render_template("portal/step.html", **ctx)   # the full render (tests compare the two)
    current, applicant, errors = ctx["current"], ctx["applicant"], ctx["errors"]
    key = (ctx["compiled"].checksum, current.key, locale_name(), request.script_root,
           signed_in())
    helpers = {
        "csrf_token": form_token,
        "flash_block": flash_block,
        "progress_nav": lambda: progress_nav(ctx["pages"], current, ctx["token"]),
        "error_summary_block": lambda: error_summary_block(errors),
        "applicant_fields": lambda: applicant_fields(applicant, errors),
        "step_fields": lambda: step_fields(current.step, ctx["answers"], errors, ctx["visible"], ctx["required"]),
        "live_logic": lambda: live_logic(ctx["compiled"], current, ctx["answers"], applicant,
                                         ctx["application"].materials),
    }
    return render_shell("portal/step.html", key, {k: ctx[k] for k in ("doc", "compiled", "current")}, helpers,
                        {"token": lambda: url_quote(ctx["token"], safe="")},
                        placeholders=("application", "pages", "errors", "answers", "applicant", "visible",
                                      "required"))


def _required_fields(compiled, state: FormState) -> set:
    """Fields to mark with * : required, or required_if currently true and not yet answered."""
    return compiled.required_fields | state.required_missing


def _materials(application, compiled, result, all_pages, current, token):
    errors, status = {}, 200
    if request.method == "POST":
        if request.form.get("remove_file"):
            _remove_file(application, request.form["remove_file"])
        elif request.form.get("material"):
            errors = _upload(application, compiled, request.form["material"], request.files.getlist("files"))
            status = 400 if errors else 200
        elif request.form.get("go") in ("next", "back"):
            db.session.commit()
            before, after = neighbours(all_pages, MATERIALS)
            return _go(token, (after if request.form["go"] == "next" else before).key)
        db.session.commit()
        result = _review(application, compiled)
        if not errors:
            return _go(token, MATERIALS)
    files = {}
    for f in application.files:
        files.setdefault(f.material_id, []).append(f)
    specs = {m["id"]: m for m in compiled.doc.get("materials", [])}
    return render_template("portal/materials.html", application=application, doc=compiled.doc, result=result,
                           pages=all_pages, current=current, token=token, files=files, specs=specs,
                           errors=errors), status


def _upload(application, compiled, material_id, uploads) -> dict:
    spec = next((m for m in compiled.doc.get("materials", []) if m["id"] == material_id), None)
    if spec is None:
        return {"_": _("This material is not part of the item. Please reload the page.")}
    electronic = spec.get("electronic") or {}
    formats = tuple(electronic.get("formats") or ("pdf", "jpg", "png"))
    max_bytes = int(electronic.get("max_size_kb", 10240)) * 1024
    max_files = min(int(electronic.get("max_files", MAX_FILES_PER_MATERIAL)), MAX_FILES_PER_MATERIAL)
    uploads = [u for u in uploads if u and u.filename]
    if not uploads:
        return {material_id: _("Please choose a file to upload.")}
    entry = dict((application.materials or {}).get(material_id) or {})
    stored = list(entry.get("files") or [])
    problems = []
    held = citizen_limits.stored_bytes(application.materials)
    for upload in uploads:
        if len(stored) >= max_files:
            problems.append(_("At most %(n)d files can be uploaded for this material.", n=max_files))
            break
        name = clean_file_name(upload.filename)
        data = upload.read(max_bytes + 1)
        if held + len(data) > citizen_limits.draft_quota_bytes():
            problems.append(_("%(name)s: the files of one application may take at most %(mb)d MB together.",
                              name=name, mb=citizen_limits.draft_quota_bytes() // (1024 * 1024)))
            break
        if not citizen_limits.may_upload(len(data)):
            problems.append(_("Too much was uploaded from your network in the last hour. Please try again later."))
            break
        try:
            row = save_file(data, formats=formats, max_bytes=max_bytes)
        except FileRejected as exc:
            problems.append(f"{name}: {exc}")
            continue
        db.session.add(ApplicationFile(application=application, material_id=material_id, stored_file_id=row.id,
                                       original_name=name))
        stored.append({"name": name, "format": row.format, "size": row.size, "sha256": row.sha256})
        held += row.size
    entry["files"] = stored
    application.materials = {**(application.materials or {}), material_id: entry}
    return {material_id: ";".join(problems)} if problems else {}


def _remove_file(application, file_id: str):
    row = next((f for f in application.files if str(f.id) == file_id), None)
    if row is None:
        return
    entry = dict((application.materials or {}).get(row.material_id) or {})
    files = list(entry.get("files") or [])
    for i, meta in enumerate(files):
        if meta.get("sha256") == row.stored_file.sha256 and meta.get("name") == row.original_name:
            files.pop(i)
            break
    entry["files"] = files
    application.materials = {**(application.materials or {}), row.material_id: entry}
    db.session.delete(row)


@bp.post("/a/<token>/submit")
def submit(token: str):
    application, compiled = _load(token)
    revision = request.form.get("revision", type=int)  # as the review page showed it
    if compiled is None or not claim_for_submit(application, revision):  # already submitted (e.g. a double click)
        db.session.rollback()
        if compiled is not None and application.status == "draft":   # never submitted: changed since shown
            flash(_("The application changed after this page was shown. Please check it and submit again."))
            return _go(token, REVIEW)
        return redirect(url_for("portal.done", token=token))
    result = prereview(compiled, {**_engine_input(application), "submitted_on": clock.today().isoformat()},
                       calendar=work_calendar.calendar())
    before = application.status
    application.prereview = result.to_dict()
    if not application.number:
        application.number = next_number(application)
    if result.outcome == "needs_correction":
        record_status(application, before, "needs_correction", _("Automatic pre-review: corrections needed"),
                      review=review_summary(application.prereview))
    else:
        application.submitted_at = utcnow()
        record_status(application, before, "submitted", result.outcome_label,
                      review=review_summary(application.prereview))
    db.session.commit()
    return redirect(url_for("portal.done", token=token))


@bp.get("/a/<token>/done")
def done(token: str):
    from runtime.documents.issuing import printable
    from runtime.documents.register import servable
    from runtime.documents.wording import WORDING
    from .status_views import status_labels
    application, _compiled = _load(token, editable=False)
    kinds = [k for k in printable(application, CITIZEN_DOCUMENTS) if k not in ("guide", "one_time_notice")]
    ready = {k for k in (*kinds, "one_time_notice") if servable(application, k)}
    return render_template("portal/done.html", application=application, result=application.prereview, ready=ready,
                           token=token, doc=application.item_version.definition, documents=kinds,
                           titles={k: WORDING.get(f"title.{k}", k) for k in kinds},
                           status_label=status_labels().get(application.status, application.status))


@bp.post("/a/<token>/withdraw")
def withdraw(token: str):
    application, compiled = _load(token)
    if compiled is None:
        flash(_("A submitted application can no longer be withdrawn online; please contact the department."))
    else:
        record_status(application, application.status, "withdrawn", _("Withdrawn by the applicant"))
        db.session.commit()
        flash(_("The application was withdrawn."))
    return redirect(url_for("portal.done", token=token))


# The applicant's own documents in each status (the item's documents.enabled narrows them): only those
# whose act happened. Before a clerk decided there is the 收件凭证, nothing that reads as acceptance.
CITIZEN_DOCUMENTS = {"needs_correction": ("one_time_notice", "receipt", "guide"),
                     "submitted": ("receipt", "guide"),
                     "reviewed": ("receipt", "guide"),
                     "accepted": ("acceptance_notice", "acceptance_slip", "fee_notice", "receipt", "guide"),
                     "completed": ("acceptance_notice", "acceptance_slip", "fee_notice", "receipt", "guide"),
                     "rejected": ("rejection_notice", "receipt", "guide")}


def _citizen_printable(token: str, kind: str):
    application, _compiled = _load(token, editable=False)
    from runtime.documents.issuing import printable
    if kind not in printable(application, CITIZEN_DOCUMENTS) or not application.prereview:
        abort(404)
    return application


@bp.post("/a/<token>/documents/<kind>/issue")
def citizen_issue(token: str, kind: str):
    """The applicant asks for a document the clerk has not printed yet: the system issues it (the same
    number and file the clerk's print gets). A POST with the link-bound CSRF token, never a GET."""
    from runtime.documents.register import printed_document
    printed_document(_citizen_printable(token, kind), kind, today=clock.today())
    return redirect(url_for("portal.citizen_document", token=token, kind=kind), 303)


@bp.get("/a/<token>/documents/<kind>.pdf")
def citizen_document(token: str, kind: str):
    """The applicant's own documents (the secret link is the key), as issued; nothing is issued here."""
    from flask import Response

    from runtime.documents.register import kept_document
    application = _citizen_printable(token, kind)
    kept = kept_document(application, kind, today=clock.today())
    if kept is None:   # not issued yet: the done page offers the button that issues it
        flash(_("This document has not been issued yet: use the button below to get it."))
        return redirect(url_for("portal.done", token=token))
    return Response(kept.pdf, mimetype="application/pdf", headers={
        "Content-Disposition": f'inline; filename="{kind}-{application.number or application.id}.pdf"',
        "Cache-Control": "private, no-store"})
