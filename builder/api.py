"""JSON API behind the browser builder (same-origin, session + CSRF header): the draft, its problems,
saving with optimistic locking, publishing, versions, diffs, restore, and trying a rule (试算)."""
from __future__ import annotations

import math

from flask import Blueprint, jsonify, request
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from runtime import logic, strict_json, work_calendar
from runtime.clock import local
from runtime.engine.compiled_item import DefinitionInvalid, compile_item
from runtime.engine.definition_diff import diff_definitions
from runtime.engine.prereview import prereview
from runtime.engine.validation import validate_definition
from runtime.extensions import db
from runtime.file_names import clean_file_name
from runtime.models import ItemVersion
from runtime.security.scoping import department_ids

from .access import editable_item, require_author
from .element_ids import id_from_label, published_ids
from .problem_wording import worded
from .drafts import DraftConflict, open_draft, publish_draft, restore_version, save_draft
from .item_store import PublishRefused

api = Blueprint("builder_api", __name__, url_prefix="/builder/api")
MAX_DEFINITION_BYTES = 2 * 1024 * 1024


@api.before_request
def _authors_only():
    return require_author()


def _problems(definition) -> list[dict]:
    return worded(definition, [p.to_dict() for p in validate_definition(definition)])


def _local_text(moment) -> str | None:
    """A stored UTC time as the centre's clock shows it (YIWANG_TIMEZONE), for people to read."""
    return local(moment).strftime("%Y-%m-%d %H:%M") if moment else None


def _draft_json(draft) -> dict:
    return {"definition": draft.definition, "lock_version": draft.lock_version,
            "based_on_version": draft.based_on_version, "problems": _problems(draft.definition),
            "updated_by": draft.updated_by.username if draft.updated_by else None,
            "updated_at": local(draft.updated_at).isoformat() if draft.updated_at else None,
            "updated_local": _local_text(draft.updated_at)}


def _published_ids(draft) -> list[str]:
    version = db.session.scalar(select(ItemVersion).where(ItemVersion.item_id == draft.item_id)
                                .order_by(ItemVersion.number.desc()).limit(1))
    return published_ids(version.definition) if version else []


def _body() -> dict:
    if request.content_length and request.content_length > MAX_DEFINITION_BYTES:
        return {"_error": _("The item definition is too large (over 2 MB)")}
    try:
        data = strict_json.loads(request.get_data(cache=True)) if request.is_json else None
    except strict_json.StrictJSONError as exc:   # nested too deep, NaN, 1e309: say which, not just "not JSON"
        return {"_error": _("The request's JSON is invalid: %(detail)s", detail=exc)}
    except ValueError:
        data = None
    return data if isinstance(data, dict) else {"_error": _("The request body is not a JSON object")}


def _error(message: str, code: int = 400, **extra):
    return jsonify({"message": message, **extra}), code


@api.get("/items/<int:item_id>/draft")
def get_draft(item_id: int):
    draft = open_draft(editable_item(item_id))
    db.session.commit()
    return jsonify(_draft_json(draft) | {"published_ids": _published_ids(draft)})


@api.put("/items/<int:item_id>/draft")
def put_draft(item_id: int):
    item, body = editable_item(item_id), _body()
    if "_error" in body:
        return _error(body["_error"])
    definition, lock = body.get("definition"), body.get("lock_version")
    if not isinstance(definition, dict) or not isinstance(lock, int):
        return _error(_("definition (an object) and lock_version (an integer) are required"))
    try:
        draft = save_draft(item, definition, lock, current_user.id)
    except DraftConflict as exc:
        current = exc.current
        who = current.updated_by.username if current.updated_by else _("someone else")
        return _error(_("%(who)s changed the draft. Look at their changes, then merge them or reload", who=who), 409,
                      current=_draft_json(current),
                      changes=[c.to_dict() | {"text": c.text} for c in diff_definitions(current.definition, definition)])
    db.session.commit()
    return jsonify(_draft_json(draft))


@api.post("/check")
def check():
    """Problems of a definition that is being edited (not saved)."""
    body = _body()
    if "_error" in body:
        return _error(body["_error"])
    return jsonify({"problems": _problems(body.get("definition"))})


@api.post("/ids")
def element_id():
    """An id for a new element from its label (pinyin), unique among ``taken`` (the ids in its scope)."""
    body = _body()
    if "_error" in body:
        return _error(body["_error"])
    label, taken = body.get("label"), body.get("taken") or []
    if not isinstance(label, str) or not isinstance(taken, list):
        return _error(_("label (text) and taken (a list of the identifiers in use) are required"))
    return jsonify({"id": id_from_label(label, [t for t in taken[:20000] if isinstance(t, str)],
                                        str(body.get("fallback") or "item"))})


@api.post("/items/<int:item_id>/publish")
def publish(item_id: int):
    """Publish the saved draft. With ``lock_version`` (the designer always sends it) only the draft the
    author saved and confirmed is published: a save by anyone in between is a 409, never a surprise."""
    item, body = editable_item(item_id), _body()
    note = str(body.get("note") or "")[:500] or None
    lock = body.get("lock_version")
    if lock is not None and lock != open_draft(item).lock_version:
        return _error(_("The draft changed after you confirmed publishing. Look at the latest content, "
                        "then publish again"), 409,
                      current=_draft_json(open_draft(item)))
    try:
        result = publish_draft(item, current_user.id, department_ids(), note)
    except PublishRefused as exc:
        db.session.rollback()
        return _error(str(exc), 422, problems=worded(open_draft(item).definition, [p.to_dict() for p in exc.problems]))
    db.session.commit()
    return jsonify({"version": result.version.number, "created": result.created,
                    "published_local": _local_text(result.version.published_at)})


@api.get("/items/<int:item_id>/versions")
def versions(item_id: int):
    item = editable_item(item_id)
    rows = db.session.scalars(select(ItemVersion).where(ItemVersion.item_id == item.id)
                              .order_by(ItemVersion.number.desc())).all()
    return jsonify([{"number": v.number, "published_at": local(v.published_at).isoformat(), "note": v.note,
                     "published_local": _local_text(v.published_at),
                     "published_by": v.published_by.username if v.published_by else None} for v in rows])


def _definition_of(item, ref: str):
    if ref == "draft":
        return open_draft(item).definition
    if not (ref.isascii() and ref.isdigit()):
        return None
    version = db.session.scalar(select(ItemVersion).where(ItemVersion.item_id == item.id,
                                                          ItemVersion.number == int(ref)))
    return version.definition if version else None


@api.get("/items/<int:item_id>/diff")
def diff(item_id: int):
    item = editable_item(item_id)
    old, new = _definition_of(item, request.args.get("from", "")), _definition_of(item, request.args.get("to", "draft"))
    if old is None or new is None:
        return _error(_("No such version"), 404)
    return jsonify([c.to_dict() | {"text": c.text} for c in diff_definitions(old, new)])


@api.post("/items/<int:item_id>/restore/<int:number>")
def restore(item_id: int, number: int):
    item, body = editable_item(item_id), _body()
    try:
        draft = restore_version(item, number, body.get("lock_version"), current_user.id)
    except LookupError:
        return _error(_("No such version"), 404)
    except DraftConflict as exc:
        return _error(_("Someone else changed the draft. Reload it, then restore the version"), 409,
                      current=_draft_json(exc.current))
    db.session.commit()
    return jsonify(_draft_json(draft))


@api.post("/try")
def try_rule():
    """试算: evaluate one JsonLogic expression, or pre-review a whole definition, on sample answers."""
    body = _body()
    if "_error" in body:
        return _error(body["_error"])
    answers = body.get("answers") if isinstance(body.get("answers"), dict) else {}
    if "definition" in body:
        try:
            compiled = compile_item(body["definition"])
        except (DefinitionInvalid, TypeError, KeyError) as exc:
            problems = getattr(exc, "problems", [])
            return _error(_("The item definition has errors, so it cannot be tried"), 422,
                          problems=[p.to_dict() for p in problems])
        result = prereview(compiled, {"answers": answers, "applicant": body.get("applicant") or {},
                                      "materials": body.get("materials") or {}}, calendar=work_calendar.calendar())
        return jsonify(result.to_dict())
    try:
        value = logic.evaluate(body.get("rule"), {"answers": answers, "computed": body.get("computed") or {},
                                                  "applicant": body.get("applicant") or {}, "materials": {},
                                                  "licences": {}, "today": body.get("today") or ""})
    except logic.LogicError as exc:
        return _error(_("Invalid condition: %(detail)s", detail=exc))
    shown = str(value) if isinstance(value, float) and not math.isfinite(value) else value  # NaN is not JSON
    return jsonify({"value": shown, "truthy": logic.truthy(value)})


@api.post("/canvas")
def canvas():
    """The designer's canvas: each field in ``fields`` drawn by the portal's own controls (builder/canvas.py)."""
    from .canvas import render_fields
    body = _body()
    if "_error" in body:
        return _error(body["_error"])
    fields = body.get("fields")
    if not isinstance(fields, list):
        return _error(_("fields (a list of fields) is required"))
    return jsonify({"html": render_fields(fields)})


@api.post("/fee-try")
def fee_try():
    """试算 of one fee amount for sample answers, in whole fen rounded as pre-review rounds applications."""
    from runtime.engine.prereview import round_fen
    body = _body()
    if "_error" in body:
        return _error(body["_error"])
    amount, answers = body.get("amount"), body.get("answers") if isinstance(body.get("answers"), dict) else {}
    if isinstance(amount, int) and not isinstance(amount, bool):
        return jsonify({"fen": amount})
    try:
        value = logic.evaluate(amount, {"answers": answers, "computed": {}, "applicant": {}, "materials": {},
                                        "licences": {}, "today": ""})
    except logic.LogicError as exc:
        return _error(_("Invalid amount formula: %(detail)s", detail=exc))
    fen = round_fen(value)
    if fen is None:
        return _error(_("No amount can be computed from these sample answers: fill in the quantity first"))
    return jsonify({"fen": fen})


@api.get("/material-library")
def material_library():
    """The common materials 从材料库添加 offers (builder/material_library.json), searchable by pinyin."""
    from .material_library import library
    return jsonify({"materials": library()})


@api.get("/schema")
def definition_schema():
    """The JSON Schema the structured editor renders its sections from."""
    from runtime.engine.schema import definition_schema as load
    return jsonify(load())


DEFINITION_FILE_FORMATS = ("pdf", "docx", "xlsx", "ofd", "jpg", "png")


@api.post("/items/<int:item_id>/files")
def upload_file(item_id: int):
    """A blank form, sample or flow chart for the draft; returns the FileRef to put in the definition."""
    from runtime.stored_files import FileRejected, save_file
    editable_item(item_id)
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        return _error(_("Please choose a file to upload."))
    try:
        row = save_file(upload.read(20 * 1024 * 1024 + 1), formats=DEFINITION_FILE_FORMATS, max_bytes=20 * 1024 * 1024)
    except FileRejected as exc:
        return _error(str(exc))
    db.session.commit()
    return jsonify({"name": clean_file_name(upload.filename, 200), "sha256": row.sha256, "media_type": row.media_type,
                    "size": row.size})
