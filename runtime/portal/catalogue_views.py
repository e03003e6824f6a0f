"""Public pages of the service column: item catalogue with navigation and search, and each item's
sub-columns (办事指南, 网上咨询, 表格下载, 网上申请, 结果反馈) plus the scenario guide (情形引导)."""
from __future__ import annotations

from urllib.parse import quote

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from markupsafe import escape
from sqlalchemy import select

from runtime import work_calendar
from runtime.i18n import locale_name
from runtime.engine.element_display import schema_node
from runtime.documents.service_guide import service_guide
from runtime.engine.file_refs import file_refs
from runtime.engine.prereview import prereview
from runtime.extensions import db
from runtime.models import Consultation, StoredFile
from runtime.stored_files import stored_response

from . import bp, catalogue_cache, citizen_limits
from .form_binding import bind_fields
from .page_chrome import flash_block, signed_in
from .page_shells import render_shell
from .catalogue_markup import facet_nav, results, search_filters
from .department_nav import region_key
from .published import public_item
from .scenario import scenario_fields

TASK_TYPES = schema_node("Catalogue", "task_type").get("x-enum-labels", {})


def _int_arg(name: str) -> int | None:
    value = request.args.get(name, "")
    return int(value) if value.isascii() and value.isdigit() and len(value) < 10 else None


@bp.get("/")
def catalogue():
    query = request.args.get("q", "")[:50]
    department_id, task_type = _int_arg("department"), request.args.get("type") or None
    if task_type not in TASK_TYPES:
        task_type = None
    index = catalogue_cache.catalogue()
    # A region chosen (province, city or county) lists the items of its departments and of those below
    # it; a code that names no region is left out, as if not given.
    region = region_key(request.args.get("region"))
    region = region if index.tree.knows(region) else None
    dq = request.args.get("dq", "")[:50]
    result = index.search(query, department_id, task_type, _int_arg("page") or 1, region=region)
    browse = index.tree.view(region, department_id, dq)
    helpers = {"flash_block": flash_block,
               "search_filters": lambda: search_filters(department_id, task_type, region, dq),
               "facet_nav": lambda: facet_nav(index, browse, TASK_TYPES, query, department_id, task_type, dq,
                                              region),
               "catalogue_results": lambda: results(result, query, department_id, task_type, region, dq)}
    if not current_app.config.get("YIWANG_PAGE_SHELLS", True):
        return render_template("portal/catalogue.html", query=query, **helpers)   # the full render (tests)
    # The page around the search is the same for every visitor in a language (page_shells.py).
    key = (locale_name(), request.script_root, signed_in())
    return render_shell("portal/catalogue.html", key, {}, helpers, {"query": lambda: escape(query)})


@bp.get("/items/<int:item_id>")
def guide(item_id: int):
    item, version, compiled = public_item(item_id)
    return render_template("portal/guide.html", item=item, g=service_guide(compiled.doc, compiled.index), tab="guide")


@bp.get("/items/<int:item_id>/downloads")
def downloads(item_id: int):
    item, version, compiled = public_item(item_id)
    return render_template("portal/downloads.html", item=item, doc=compiled.doc, tab="downloads")


@bp.get("/items/<int:item_id>/apply")
def apply_info(item_id: int):
    """网上申请. Answers given in the scenario guide come along (its link carries them) into the new draft."""
    item, version, compiled = public_item(item_id)
    carried = [(f.id, v) for f in scenario_fields(compiled) for v in request.args.getlist(f.id)[:50] if v]
    return render_template("portal/apply_info.html", item=item, doc=compiled.doc, tab="apply", carried=carried)


@bp.get("/items/<int:item_id>/result")
def result_feedback(item_id: int):
    item, version, compiled = public_item(item_id)
    return render_template("portal/result_feedback.html", item=item, doc=compiled.doc, tab="result")


@bp.route("/items/<int:item_id>/consult", methods=["GET", "POST"])
def consult(item_id: int):
    item, version, compiled = public_item(item_id)
    errors = {}
    form = request.form
    if request.method == "POST":
        question, name, contact = (form.get(k, "").strip() for k in ("question", "name", "contact"))
        if not 5 <= len(question) <= 1000:
            errors["question"] = _("Please describe your question in 5 to 1000 characters.")
        if not 1 <= len(name) <= 50:
            errors["name"] = _("Please enter your name (at most 50 characters).")
        if not 5 <= len(contact) <= 50:
            errors["contact"] = _("Please enter a phone number or e-mail address so we can reply.")
        if not errors and not citizen_limits.may_consult():
            errors["question"] = _("Too many questions were sent from your network in the last hour. "
                                   "Please try again later or call the consultation phone.")
        if not errors:
            db.session.add(Consultation(item_id=item.id, department_id=item.department_id, question=question,
                                        asker_name=name, asker_contact=contact))
            db.session.commit()
            flash(_("Your question was sent. The department will answer it here; we may also contact you."))
            return redirect(url_for("portal.consult", item_id=item.id))
    answered = db.session.scalars(select(Consultation).where(
        Consultation.item_id == item.id, Consultation.answer.is_not(None), Consultation.public.is_(True))
        .order_by(Consultation.answered_at.desc()).limit(50)).all()
    return render_template("portal/consult.html", item=item, doc=compiled.doc, tab="consult", answered=answered,
                           errors=errors, form=form), (400 if errors else 200)


@bp.get("/items/<int:item_id>/scenario")
def scenario(item_id: int):
    """情形引导: answer the questions that decide which materials apply; see the checklist and fees."""
    item, version, compiled = public_item(item_id)
    questions = scenario_fields(compiled)
    answered = any(f.id in request.args for f in questions)
    result = None
    if answered:
        answers = bind_fields(questions, request.args)
        result = prereview(compiled, {"answers": {k: v for k, v in answers.items() if v not in (None, "", [])}},
                           calendar=work_calendar.calendar())
    tolerated = {m["id"]: m.get("supplement_days") for m in compiled.doc.get("materials", [])
                 if m.get("necessity") == "tolerated"}
    return render_template("portal/scenario.html", item=item, doc=compiled.doc, tab="guide", questions=questions,
                           values=request.args, result=result, answered=answered, tolerated=tolerated,
                           carry={f.id: request.args.getlist(f.id) for f in questions if f.id in request.args})


@bp.get("/items/<int:item_id>/files/<sha256>")
def item_file(item_id: int, sha256: str):
    """A file the item's published definition carries (blank form, sample …); nothing else."""
    item, version, compiled = public_item(item_id)
    ref = file_refs(compiled.doc).get(sha256)
    row = db.session.scalar(select(StoredFile).where(StoredFile.sha256 == sha256)) if ref else None
    if row is None:
        abort(404)
    return stored_response(sha256, row.media_type, headers={
        "Content-Disposition": f"attachment; filename*=UTF-8''{quote(ref['name'])}",
        "X-Content-Type-Options": "nosniff", "Cache-Control": "public, max-age=86400"})
