"""Filters and globals the portal templates use: money in yuan, Chinese dates, schema labels, and the\nPython-built page parts (form controls, step fields, progress bar, live form conditions)."""
from __future__ import annotations

from runtime.documents.service_guide import copies_text
from runtime.engine.element_display import display, schema_node
from runtime.engine.identifiers import mask_id_number

from . import bp
from .field_controls import control
from .page_chrome import error_summary_block, fixed_url, flash_block, live_logic, progress_nav
from .step_fields import applicant_fields, step_fields

for _helper, _name in ((control, "field_control"), (step_fields, "step_fields"), (fixed_url, "fixed_url"),
                       (live_logic, "live_logic"), (progress_nav, "progress_nav"), (flash_block, "flash_block"),
                       (error_summary_block, "error_summary_block"), (applicant_fields, "applicant_fields")):
    bp.add_app_template_global(_helper, _name)


@bp.app_template_global("requirement_text")
def requirement_text(req: dict | None) -> str:
    """"原件 1 份、复印件 1 份 · 纸质和电子 · 公安机关出具": what to bring, as in the guide and the notices."""
    if not req:
        return ""
    counts = copies_text({"original": req.get("originals"), "copy": req.get("copies")})
    issuer = f"{req['issuer']}出具" if req.get("issuer") else ""
    return " · ".join(p for p in (counts or req.get("kind_label", ""), req.get("media_label", ""), issuer) if p)


@bp.app_template_filter("yuan")
def yuan(fen) -> str:
    if not isinstance(fen, int) or isinstance(fen, bool):
        return ""
    return f"{fen / 100:,.2f} 元"


@bp.app_template_filter("local_time")
def local_time(moment, pattern: str = "%Y-%m-%d %H:%M") -> str:
    """A stored UTC timestamp, or an ISO text with its offset (a bundle's export time), shown in the centre's
    time zone; a text that is not an ISO time is shown as it is."""
    from datetime import datetime

    from runtime.clock import local
    if isinstance(moment, str):
        try:
            moment = datetime.fromisoformat(moment)
        except ValueError:
            return moment
    return local(moment).strftime(pattern) if moment else ""


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


@bp.app_template_global("material_status")
def material_status(status: str) -> str:
    from flask_babel import gettext as _
    return {"provided": _("Uploaded"), "invalid": _("Does not meet the requirements"),
            "shared": _("Obtained from the issuing department"), "pledged": _("Replaced by a written pledge"),
            "received": _("Received at the window"), "bring_paper": _("Bring on paper"),
            "missing": _("Missing"), "tolerated": _("May be supplied later"),
            "optional_missing": _("Optional")}.get(status, status)
