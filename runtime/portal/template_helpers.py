"""Filters the portal templates use: money in yuan, Chinese dates, schema labels."""
from __future__ import annotations

from runtime.engine.element_display import display, schema_node
from runtime.engine.identifiers import mask_id_number

from . import bp
from .field_controls import control
from .step_fields import step_fields

bp.add_app_template_global(control, "field_control")
bp.add_app_template_global(step_fields, "step_fields")


@bp.app_template_filter("yuan")
def yuan(fen) -> str:
    if not isinstance(fen, int) or isinstance(fen, bool):
        return ""
    return f"{fen / 100:,.2f} 元"


@bp.app_template_filter("cn_date")
def cn_date(iso) -> str:
    if not iso or len(str(iso)) < 10:
        return ""
    y, m, d = str(iso)[:10].split("-")
    return f"{int(y)}年{int(m)}月{int(d)}日"


@bp.app_template_filter("masked_id")
def masked_id(number) -> str:
    return mask_id_number(number) if number else ""


@bp.app_template_global("elements")
def elements(value, *path):
    """Labelled rows for part of a definition (see runtime.engine.element_display)."""
    return display(value, schema_node(*path))


@bp.app_template_global("live_logic")
def live_logic(doc: dict, current, answers: dict, applicant: dict, materials: dict) -> dict:
    """What static/js/form-live.js needs to re-evaluate conditions in the browser exactly as the
    server does: every field's type and conditions, the answers of the other steps, the context."""
    from datetime import date
    fields = {}
    for step in doc["form"]["steps"]:
        for spec in step["fields"]:
            fields[spec["id"]] = {"type": spec["type"], "visible_if": spec.get("visible_if"),
                                  "required_if": spec.get("required_if"), "required": bool(spec.get("required")),
                                  "step": step["id"]}
    return {"step": current.key, "fields": fields, "answers": answers, "applicant": applicant,
            "materials": materials or {}, "today": date.today().isoformat()}


@bp.app_template_global("material_status")
def material_status(status: str) -> str:
    from flask_babel import gettext as _
    return {"provided": _("Uploaded"), "invalid": _("Does not meet the requirements"),
            "shared": _("Obtained from the issuing department"), "pledged": _("Replaced by a written pledge"),
            "received": _("Received at the window"), "bring_paper": _("Bring on paper"),
            "missing": _("Missing"), "tolerated": _("May be supplied later"),
            "optional_missing": _("Optional")}.get(status, status)
