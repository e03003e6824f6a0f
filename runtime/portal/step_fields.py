"""The fields of one definition step as HTML: each field in its show/hide wrapper, repeating groups
with their rows and the no-JavaScript row buttons. Built in Python for the same reason as
field_controls (per-call template overhead); the static attributes come from the definition and are
escaped there."""
from __future__ import annotations

from markupsafe import Markup, escape

from runtime.i18n import gettext as _

from .field_controls import control


def step_fields(step, answers: dict, errors: dict, visible: set, required: set) -> Markup:
    """``step`` is a CompiledStep; ``visible``/``required`` are field ids from the latest pre-review."""
    out = []
    for field in step.fields:
        hidden = "" if field.id in visible else " hidden"
        out.append(f'<div class="conditional" data-field-wrap="{escape(field.id)}"{hidden}>\n')
        if field.check.type == "group":
            out.append(_group(field, answers.get(field.id) or [], errors, field.id in required))
        else:
            out.append(control(field.check.spec, field.id, answers.get(field.id), errors.get(field.id),
                               field.id in required, field.id))
        out.append("</div>\n")
    return Markup("".join(out))


def _group(field, rows, errors: dict, required: bool) -> str:
    spec, gid = field.check.spec, escape(field.id)
    error = errors.get(field.id)
    out = [f'<fieldset class="field group{" has-error" if error else ""}" id="f-{gid}">\n<legend>',
           str(escape(spec.get("label", ""))),
           f' <abbr title="{escape(_("required"))}">*</abbr>' if required else "", "</legend>\n"]
    if spec.get("help"):
        out.append(f'<p class="help">{escape(spec["help"])}</p>\n')
    if error:
        out.append(f'<p class="error">{escape(error)}</p>\n')
    out.append(f'<input type="hidden" name="{gid}-count" value="{len(rows)}">\n')
    remove = escape(_("Remove this row"))
    for i, row in enumerate(rows):
        out.append(f'<div class="group-row"><h3>{escape(_("Row %(n)d") % {"n": i + 1})}</h3>\n')
        for sub in field.sub_fields:
            key = f"{field.id}-{i}-{sub.id}"
            out.append(control(sub.check.spec, key, row.get(sub.id) if isinstance(row, dict) else None,
                               errors.get(key), sub.required, key))
        out.append(f'<button type="submit" name="remove_row" value="{gid}-{i}" class="link">{remove}</button>\n</div>\n')
    out.append(f'<button type="submit" name="add_row" value="{gid}">{escape(_("Add a row"))}</button>\n</fieldset>\n')
    return "".join(out)


def _applicant_specs() -> tuple:
    return (("name", _("Name (person or organisation)"), "text"),
            ("id_number", _("Resident ID number (of the person handling this for an organisation)"), "id_card"),
            ("credit_code", _("Unified social credit code (organisations)"), "uscc"),
            ("legal_person", _("Legal representative (organisations)"), "text"),
            ("mobile", _("Mobile number"), "mobile"), ("address", _("Contact address"), "text"))


def applicant_labels() -> tuple:
    """(key, label) of the applicant page's fields, in page order (the check-your-answers page)."""
    return (("type", _("Applicant type")),) + tuple((key, label) for key, label, _kind in _applicant_specs())


def applicant_fields(applicant: dict, errors: dict) -> Markup:
    """The applicant page: person or organisation, then the contact record (see applicant_form)."""
    kind = applicant.get("type", "person")
    out = [f'<fieldset class="field" id="f-type"><legend>{escape(_("Applicant type"))}</legend>\n',
           f'<label class="choice"><input type="radio" name="type" value="person"{" checked" if kind == "person" else ""}>'
           f' {escape(_("Individual"))}</label>\n',
           f'<label class="choice"><input type="radio" name="type" value="organization"'
           f'{" checked" if kind == "organization" else ""}> {escape(_("Organisation"))}</label>\n</fieldset>\n']
    for key, label, kind in _applicant_specs():
        out.append(control({"id": key, "type": kind, "label": label}, key, applicant.get(key), errors.get(key),
                           key in ("name", "mobile"), key))
    return Markup("".join(out))
