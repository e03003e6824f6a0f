"""Parts of the portal pages that every request would otherwise rebuild the slow way: the step
progress bar (one URL built per page, not one ``url_for`` per step), the addresses of fixed pages
and assets (the same for every request under one script root), item links in lists, and the
browser's copy of the form conditions (serialised once per definition version)."""
from __future__ import annotations

import re
from collections import OrderedDict
from urllib.parse import quote

from flask import current_app, get_flashed_messages, request, session, url_for
from flask_login import current_user
from markupsafe import Markup, escape

from runtime import clock
from runtime.i18n import gettext as _, locale_name

_FIXED: dict = {}
_FIXED_MAX = 256
_LIVE_FIELDS: OrderedDict = OrderedDict()
_LIVE_MAX = 64


def fixed_url(endpoint: str, **values) -> str:
    """``url_for`` for links that depend on nothing but their literal arguments (static assets, the
    catalogue, the sign-in page), remembered per script root. Not for per-user or per-item values."""
    key = (request.script_root, endpoint, tuple(sorted(values.items())))
    url = _FIXED.get(key)
    if url is None:
        if len(_FIXED) >= _FIXED_MAX:
            _FIXED.clear()
        url = _FIXED[key] = url_for(endpoint, **values)
    return url


_PATTERNS: dict = {}


def url_pattern(endpoint: str, name: str, placeholder: str, **values) -> tuple[str, str]:
    """``url_for(endpoint, name=…, **values)`` split around the value of ``name``, once per script
    root: the caller fills in only that value (one that no quoting changes)."""
    key = (request.script_root, endpoint, name, tuple(sorted(values.items())))
    parts = _PATTERNS.get(key)
    if parts is None:
        if len(_PATTERNS) >= _FIXED_MAX:
            _PATTERNS.clear()
        head, _sep, tail = url_for(endpoint, **{name: placeholder}, **values).partition(placeholder)
        parts = _PATTERNS[key] = (head, tail)
    return parts


ITEM_PLACEHOLDER = "918273645"   # for url_pattern(endpoint, "item_id", …): item links in lists


_PLAIN_TOKEN = re.compile(r"[A-Za-z0-9_-]{1,64}")


def page_url_prefix(token: str) -> str:
    """``url_for("portal.page", token=token, key="")``: a resume token (URL-safe characters only,
    which no quoting changes) filled into the pattern."""
    if not _PLAIN_TOKEN.fullmatch(token):
        return url_for("portal.page", token=token, key="applicant")[: -len("applicant")]
    head, tail = url_pattern("portal.page", "token", "yiwangtokenplaceholder", key="applicant")
    return f"{head}{token}{tail[: -len('applicant')]}"


_NAVS: OrderedDict = OrderedDict()
_NAV_MAX = 512


def progress_nav(pages, current, token: str) -> Markup:
    """The list of an application's pages, the current one marked and the others linked. The markup is
    the same for every applicant who sees the same pages in the same language, so it is built once
    with a marker where the resume page prefix goes."""
    key = (request.script_root, locale_name(), tuple((p.key, p.title) for p in pages), current.key)
    parts = _NAVS.get(key)
    if parts is None:
        marker = "\x00prefix\x00"   # no title or key can hold a NUL once escaped and quoted into a URL
        items = []
        for p in pages:
            title = escape(p.title)
            if p.key == current.key:
                items.append(f'<li aria-current="step">{title}</li>')
            else:
                items.append(f'<li><a href="{marker}{escape(quote(p.key, safe=""))}">{title}</a></li>')
        html = f'<nav class="progress" aria-label="{escape(_("Steps"))}"><ol>\n{"".join(items)}\n</ol></nav>\n'
        parts = _NAVS[key] = html.split(marker)
        while len(_NAVS) > _NAV_MAX:
            _NAVS.popitem(last=False)
    return Markup(str(escape(page_url_prefix(token))).join(parts))


def _live_fields(compiled) -> str:
    """Every field's type and conditions as JSON, once per definition version (checksum)."""
    cached = _LIVE_FIELDS.get(compiled.checksum)
    if cached is None:
        fields = {}
        for step in compiled.doc["form"]["steps"]:
            for spec in step["fields"]:
                fields[spec["id"]] = {"type": spec["type"], "visible_if": spec.get("visible_if"),
                                      "required_if": spec.get("required_if"),
                                      "required": bool(spec.get("required")), "step": step["id"]}
        cached = _LIVE_FIELDS[compiled.checksum] = current_app.json.dumps(fields)
        while len(_LIVE_FIELDS) > _LIVE_MAX:
            _LIVE_FIELDS.popitem(last=False)
    return cached


def live_logic(compiled, current, answers: dict, applicant: dict, materials: dict) -> Markup:
    """What static/js/form-live.js needs to re-evaluate conditions in the browser exactly as the
    server does: every field's type and conditions, the answers of the other steps, the context.
    JSON made safe inside a <script> element (as Jinja's ``tojson``)."""
    dumps = current_app.json.dumps
    text = (f'{{"step": {dumps(current.key)}, "fields": {_live_fields(compiled)}, "answers": {dumps(answers)}, '
            f'"applicant": {dumps(applicant)}, "materials": {dumps(materials or {})}, '
            f'"today": {dumps(clock.today().isoformat())}}}')
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
                  .replace("'", "\\u0027"))


def signed_in() -> bool:
    """``current_user.is_authenticated`` for the portal's cached pages. A visitor whose session names
    no user and who sent no remember-me cookie cannot be signed in (Flask-Login has no other way in
    this app: tests/portal/test_page_shells.py holds it so), and most visitors are such; for them
    Flask-Login's per-request work (session-protection hash, loaders) is skipped."""
    if "_user_id" not in session and \
            current_app.config.get("REMEMBER_COOKIE_NAME", "remember_token") not in request.cookies:
        return False
    return bool(getattr(current_user, "is_authenticated", False))


def flash_block() -> Markup:
    """The messages flashed for this visitor (consumed here), as the notice box of every portal page."""
    messages = get_flashed_messages()
    if not messages:
        return Markup("")
    return Markup(f'<div class="notice" role="status">{"".join(f"<p>{escape(m)}</p>" for m in messages)}</div>\n')


def error_summary_block(errors: dict) -> Markup:
    """The list of a form's problems at the top of the page, each linked to its field."""
    if not errors:
        return Markup("")
    items = "".join(f'\n    <li><a href="#f-{escape(key)}">{escape(message)}</a></li>' for key, message in errors.items())
    title = escape(_("Please correct the following (%(n)d):") % {"n": len(errors)})
    return Markup(f'<div class="error-summary" role="alert" tabindex="-1" id="error-summary">\n  <h2>{title}</h2>\n'
                  f'  <ul>{items}</ul>\n</div>\n')
