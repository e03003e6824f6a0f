"""Form controls (one field of a generated form) as HTML, built in Python rather than a Jinja macro:
a step page renders dozens of them per request and each macro call cost ~0.1 ms. Every text from
the definition or the applicant is escaped here (markupsafe), exactly as Jinja's autoescaping would.
Used by the application steps, the scenario guide and the builder preview (the ``control`` macro in
``_macros.html`` calls it), so all forms keep one markup."""
from __future__ import annotations

from markupsafe import Markup, escape

from runtime.i18n import gettext as _

INPUT_TYPES = {"date": "date", "number": "text", "money": "text", "mobile": "tel", "phone": "tel", "email": "email"}
INPUT_MODES = {"number": "decimal", "money": "decimal", "mobile": "numeric", "region": "numeric"}


def _get(spec, key):
    return spec.get(key) if isinstance(spec, dict) else getattr(spec, key, None)


_ESCAPED: dict = {}
_ESCAPED_MAX = 8192


def _text(value) -> str:
    """A definition text as Jinja would print it: missing is empty, anything else escaped. The texts
    of definitions (labels, ids, options) come back on every page: remembered once escaped."""
    if value is None:
        return ""
    if type(value) is not str:
        return str(escape(value))
    escaped = _ESCAPED.get(value)
    if escaped is None:
        if len(_ESCAPED) >= _ESCAPED_MAX:
            _ESCAPED.clear()
        escaped = _ESCAPED[value] = str(escape(value))
    return escaped


def _lower(value) -> str:
    """Jinja's ``value|string|lower``."""
    return str(value).lower()


def control(spec, name: str, value, error, required, id_: str) -> Markup:
    """The HTML of one control: ``spec`` is a field spec (dict), ``name`` the posted name, ``value`` the
    current answer, ``error`` a message or None, ``id_`` the suffix of its element ids."""
    t = _get(spec, "type")
    help_ = _get(spec, "help")
    id_ = _text(id_)
    name = _text(name)
    err = f'<p class="error" id="e-{id_}">{escape(error)}</p>' if error else ""
    err_class = " has-error" if error else ""
    help_html = f'<p class="help" id="h-{id_}">{escape(help_)}</p>' if help_ else ""
    star = f' <abbr title="{escape(_("required"))}">*</abbr>' if required else ""
    head = f'id="f-{id_}" data-field="{_text(_get(spec, "id"))}"'
    label = _text(_get(spec, "label"))
    if t in ("radio", "yes_no"):
        options = _get(spec, "options") if t == "radio" else [{"value": "true", "label": _("Yes")},
                                                             {"value": "false", "label": _("No")}]
        current = _lower(value)
        choices = "".join(
            f'<label class="choice"><input type="radio" name="{name}" value="{_text(o.get("value"))}"'
            f'{" checked" if current == o.get("value") else ""}> {_text(o.get("label"))}</label>\n'
            for o in options or ())
        return Markup(f'<fieldset class="field{err_class}" {head}>\n<legend>{label}{star}</legend>\n'
                      f'{help_html}{err}{choices}</fieldset>\n')
    if t == "checkbox_group":
        chosen = value if _iterable(value) else ()
        choices = "".join(
            f'<label class="choice"><input type="checkbox" name="{name}" value="{_text(o.get("value"))}"'
            f'{" checked" if chosen and o.get("value") in chosen else ""}> {_text(o.get("label"))}</label>\n'
            for o in _get(spec, "options") or ())
        return Markup(f'<fieldset class="field{err_class}" {head}>\n<legend>{label}{star}</legend>\n'
                      f'{help_html}{err}{choices}</fieldset>\n')
    if t == "declaration":
        statement = _get(spec, "statement")
        quote = f"<blockquote>{escape(statement)}</blockquote>" if statement else ""
        checked = " checked" if _lower(value) == "true" else ""
        return Markup(f'<fieldset class="field declaration{err_class}" {head}>\n<legend>{label}</legend>\n'
                      f'{quote}{err}<label class="choice"><input type="checkbox" name="{name}" value="true"{checked}>'
                      f' {escape(_("I have read and agree to the above."))}</label>\n</fieldset>\n')
    unit = _get(spec, "unit")
    unit_html = f"({escape(unit)})" if unit else ""
    described = ((f"h-{id_}" if help_ else "") + (f" e-{id_}" if error else "")).strip()
    aria = (f' aria-describedby="{described}"' if described else "") + (' aria-invalid="true"' if error else "")
    max_length = _get(spec, "max_length")
    max_attr = f' maxlength="{_text(max_length)}"' if max_length else ""
    shown = "" if value is None else escape(value)
    if t == "textarea":
        widget = f'<textarea id="i-{id_}" name="{name}" rows="5"{max_attr}{aria}>{shown}</textarea>'
    elif t == "select":
        options = "".join(f'<option value="{_text(o.get("value"))}"{" selected" if value == o.get("value") else ""}>'
                          f'{_text(o.get("label"))}</option>' for o in _get(spec, "options") or ())
        widget = (f'<select id="i-{id_}" name="{name}"{aria}>\n<option value="">{escape(_("Please choose"))}</option>'
                  f'{options}</select>')
    else:
        mode = INPUT_MODES.get(t)
        placeholder = _get(spec, "placeholder")
        extra = (f' inputmode="{mode}"' if mode else "") + max_attr
        extra += f' placeholder="{escape(placeholder)}"' if placeholder else ""
        extra += ' autocapitalize="characters" spellcheck="false"' if t in ("id_card", "uscc") else ""
        widget = (f'<input id="i-{id_}" name="{name}" type="{INPUT_TYPES.get(t, "text")}" value="{shown}"'
                  f'{extra}{aria}>')
    return Markup(f'<div class="field{err_class}" {head}>\n<label for="i-{id_}">{label}{unit_html}{star}</label>\n'
                  f'{help_html}{err}{widget}\n</div>\n')


def _iterable(value) -> bool:
    if value is None or isinstance(value, str):
        return False
    try:
        iter(value)
    except TypeError:
        return False
    return True
