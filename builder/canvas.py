"""The designer's canvas: each field of a draft as the applicant will see it, drawn by the portal's own
control code (runtime/portal/field_controls.py), so the author looks at the real form. Drafts are often
half-made (no label yet, an option without text), so every spec is tidied into something the control
code accepts and a field that still cannot be drawn becomes a plain placeholder instead of an error."""
from __future__ import annotations

from markupsafe import Markup, escape

from runtime.i18n import gettext as _
from runtime.portal.field_controls import control

MAX_FIELDS = 5000


def _options(value) -> list[dict]:
    if not isinstance(value, list):
        return []
    return [{"value": str(o.get("value") or ""), "label": str(o.get("label") or _("(option without text)"))}
            for o in value if isinstance(o, dict)]


def _tidy(spec: dict) -> dict:
    out = {k: v for k, v in spec.items() if isinstance(v, (str, int, float, bool)) or v is None}
    out["label"] = spec.get("label") if isinstance(spec.get("label"), str) and spec.get("label") else _("(untitled field)")
    if "options" in spec or spec.get("type") in ("select", "radio", "checkbox_group"):
        out["options"] = _options(spec.get("options"))
    return out


def field_html(spec) -> str:
    """One field (not a group) as the portal draws it with no answer; its controls are inert in the canvas."""
    if not isinstance(spec, dict):
        return ""
    tidy = _tidy(spec)
    key = f"canvas-{tidy.get('id') or 'field'}"
    try:
        return str(control(tidy, key, None, None, bool(spec.get("required")) or "required_if" in spec, key))
    except Exception:  # noqa: BLE001 - a half-made spec must not break the canvas; it shows as a placeholder
        return f'<p class="help">{escape(tidy["label"])}</p>'


def group_head_html(spec) -> str:
    """A repeating group's title and help as the portal's group fieldset starts (its rows are drawn by the canvas)."""
    tidy = _tidy(spec if isinstance(spec, dict) else {})
    star = f' <abbr title="{escape(_("required"))}">*</abbr>' if tidy.get("required") else ""
    help_ = f'<p class="help">{escape(tidy["help"])}</p>' if tidy.get("help") else ""
    return str(Markup(f'<legend>{escape(tidy["label"])}{star}</legend>{help_}'))


def render_fields(specs: list) -> list[str]:
    return [group_head_html(s) if isinstance(s, dict) and s.get("type") == "group" else field_html(s)
            for s in specs[:MAX_FIELDS]]
