"""Pages of the browser builder: the item list (own departments), creating an item (blank, from the
basic catalogue, or as a copy) and the editor. The editor talks to builder/api.py."""
from __future__ import annotations

from urllib.parse import urlencode

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy import select

from runtime.engine.element_display import schema_node
from runtime.extensions import db
from runtime.models import Department, Item
from runtime.security.scoping import department_ids

from .access import editable_item, require_author
from .catalogue_entries import entries, find, search
from .drafts import create_item, new_definition, open_draft
from .item_store import latest_version
from .new_item_defaults import apply_defaults

pages = Blueprint("builder", __name__, url_prefix="/builder", template_folder="templates")
TASK_TYPES = schema_node("Catalogue", "task_type").get("x-enum-labels", {})


@pages.before_request
def _authors_only():
    return require_author()


@pages.app_context_processor
def _texts():
    from .ui_texts import ui_texts
    return {"ui_texts": ui_texts}


@pages.get("/")
def item_list():
    from runtime.security.scoping import is_system_admin

    from .item_list import page
    query = request.args.get("q", "").strip()[:50]
    task_type = request.args.get("type") if request.args.get("type") in TASK_TYPES else None
    status = request.args.get("status") if request.args.get("status") in ("online", "offline", "unpublished") else None
    listed = page(None if is_system_admin() else department_ids(), query=query, task_type=task_type, status=status,
                  after=request.args.get("after"))
    here = {k: v for k, v in (("q", query or None), ("type", task_type), ("status", status)) if v}
    return render_template("builder/list.html", items=listed.rows, query=query, task_type=task_type, status=status,
                           task_types=TASK_TYPES, here=here, next_after=listed.next_after,
                           first_page=not request.args.get("after"))


@pages.get("/catalogue")
def catalogue_search():
    """Catalogue entries for the new-item combobox: name, code or pinyin (initials or full)."""
    from flask import jsonify
    return jsonify([{k: e[k] for k in ("key", "name", "group", "code", "task_type")}
                    for e in search(request.args.get("q", "")[:50])])


def _chosen_entry(form) -> dict | None:
    """The entry the combobox chose, or (without scripts) the one whose exact name or code was typed."""
    entry = find(form.get("catalogue", ""))
    text = form.get("catalogue_text", "").strip()
    if entry is not None and entry["name"] == text:
        return entry
    return next((e for e in entries() if text and text in (e["name"], e["code"])), None)


@pages.route("/new", methods=["GET", "POST"])
def new_item():
    departments = db.session.scalars(select(Department).where(Department.id.in_(department_ids()))
                                     .order_by(Department.name)).all()
    sources = db.session.scalars(select(Item).where(Item.department_id.in_(department_ids()),
                                                    Item.current_version.is_not(None)).order_by(Item.name)).all()
    errors, form = {}, request.form
    entry = _chosen_entry(form) if request.method == "POST" else None
    if request.method == "POST":
        department = next((d for d in departments if str(d.id) == form.get("department")), None)
        name = entry["name"] if entry else form.get("catalogue_text", "").strip()[:200]
        basic_code = entry["code"] if entry and entry["code"] else form.get("basic_code", "").strip()
        task_type = form.get("task_type") or (entry["task_type"] if entry else "")
        source = next((i for i in sources if str(i.id) == form.get("copy_of")), None)
        if department is None:
            errors["department"] = _("Choose the department that implements the item.")
        if not name:
            errors["catalogue"] = _("Choose the item from the catalogue, or type the full name of an item "
                                    "that is not in it.")
        if name and entry is None and not basic_code:  # e.g. "spjy" typed, nothing chosen from the list
            errors["catalogue"] = _("“%(text)s” is not an item of the catalogue: choose one from the list, or give "
                                    "the basic code of an item that is not in it.", text=name)
        elif not (basic_code.isascii() and basic_code.isdigit() and len(basic_code) == 12):
            errors["basic_code"] = _("The basic code has 12 digits.")
        if task_type not in TASK_TYPES:
            errors["task_type"] = _("Choose the item type.")
        if not errors:
            base = latest_version(source).definition if source else None
            definition = new_definition(department, name=name, basic_code=basic_code, task_type=task_type,
                                        source=base)
            if base is None:
                apply_defaults(definition, department, name)
            try:
                item = create_item(definition)
            except ValueError as exc:
                errors["basic_code" if entry is None or not entry["code"] else "department"] = str(exc)
            else:
                db.session.commit()
                flash(_("The item was created as a draft. Fill in the sections, then publish."))
                return redirect(url_for("builder.editor", item_id=item.id))
    return render_template("builder/new.html", departments=departments, sources=sources, chosen=entry,
                           task_types=TASK_TYPES, errors=errors, form=form), (400 if errors else 200)


@pages.get("/items/<int:item_id>")
def editor(item_id: int):
    item = editable_item(item_id)
    draft = open_draft(item)
    db.session.commit()
    return render_template("builder/editor.html", item=item, draft=draft)


def _compiled_draft(item):
    from runtime.engine.compiled_item import DefinitionInvalid, compile_item
    draft = open_draft(item)
    try:
        return draft, compile_item(draft.definition)
    except (DefinitionInvalid, KeyError, TypeError):
        return draft, None


def _preview_result(compiled):
    from runtime import work_calendar
    from runtime.engine.prereview import prereview
    from runtime.portal.form_binding import bind_fields
    answers = bind_fields(list(compiled.fields.values()), request.args)
    answers = {k: v for k, v in answers.items() if v not in (None, "", [])}
    provided = {m: {"received": True} for m in request.args.getlist("_provided")}  # ticked in 试填
    return answers, prereview(compiled, {"answers": answers, "materials": provided}, calendar=work_calendar.calendar())


@pages.get("/items/<int:item_id>/preview")
def preview(item_id: int):
    """The draft as citizens would see it: every step, conditions applied to the answers given here,
    the material checklist and fees for them, and the one-time notice PDF."""
    item = editable_item(item_id)
    draft, compiled = _compiled_draft(item)
    if compiled is None:
        flash(_("The draft has errors; fix them before previewing."))
        return redirect(url_for("builder.editor", item_id=item.id))
    answers, result = _preview_result(compiled)
    return render_template("builder/preview.html", item=item, doc=compiled.doc, compiled=compiled, answers=answers,
                           result=result, visible=set(result.visible_fields), query=request.query_string.decode())


@pages.get("/items/<int:item_id>/preview/notice.pdf")
def preview_notice(item_id: int):
    from flask import Response, current_app

    from runtime.documents import DocumentContext, load_theme, render_pdf
    item = editable_item(item_id)
    draft, compiled = _compiled_draft(item)
    if compiled is None:
        abort(404)
    _answers, result = _preview_result(compiled)
    data = render_pdf("one_time_notice", compiled.doc, result.to_dict(),
                      DocumentContext(number="(预览)", applicant={"name": "(示例申请人)"}),
                      load_theme(current_app.config.get("YIWANG_THEME", "default")))
    return Response(data, mimetype="application/pdf", headers={"Cache-Control": "no-store"})


@pages.post("/items/<int:item_id>/tryout")
def tryout(item_id: int):
    """试填 in the editor: the definition being edited (unsaved edits too) and the try form's fields
    → the form's controls, which fields show, and the results part (builder/tryout.py)."""
    from flask import jsonify

    from .tryout import form_of, run
    from .api import MAX_DEFINITION_BYTES
    item = editable_item(item_id)
    if (request.content_length or 0) > MAX_DEFINITION_BYTES:
        return jsonify({"message": _("The item definition is too large (over 2 MB) to try out")}), 413
    body = request.get_json(silent=True)
    body = body if isinstance(body, dict) else {}
    done = run(body.get("definition"), form_of(body.get("pairs")))
    if isinstance(done, str):
        return jsonify({"message": done}), 422
    query = urlencode(list(done.form.items(multi=True)))
    return jsonify({"visible": done.result.visible_fields,
                    "form": render_template("builder/_tryout_form.html", t=done),
                    "results": render_template("builder/_tryout_results.html", t=done, item=item, query=query)})
