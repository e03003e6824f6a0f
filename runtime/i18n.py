"""Template translations with the catalogue looked up once per request: Flask-Babel resolves the
locale and domain on every call, which cost ~1 ms per form page (20+ texts). Same results."""
from __future__ import annotations

from babel import Locale
from flask import Flask, current_app, g, has_request_context, request, session
from flask_babel import get_translations
from jinja2 import pass_eval_context
from markupsafe import Markup


def locale_name() -> str:
    """This request's locale as a string, e.g. "zh": the choice of select_locale (below), which is
    Flask-Babel's locale selector, made once per request without Flask-Babel's lookups around it;
    pages key their caches by it."""
    name = g.get("_yiwang_locale")
    if name is None:
        name = g._yiwang_locale = str(select_locale())
    return name


def _translations():
    """This request's catalogue: Flask-Babel's for the locale, remembered per app and locale (it is
    loaded once and never changes), so a request does not go through Flask-Babel's lookups."""
    cached = g.get("_yiwang_translations")
    if cached is None:
        by_locale = current_app.extensions.setdefault("yiwang_translations", {})
        name = locale_name()
        cached = by_locale.get(name)
        if cached is None:
            cached = by_locale[name] = get_translations()
        g._yiwang_translations = cached
    return cached


def gettext(string: str, **variables) -> str:
    return _translations().ugettext(string)


def ngettext(singular: str, plural: str, n: int, **variables) -> str:
    return _translations().ungettext(singular, plural, n)


@pass_eval_context
def _template_gettext(eval_ctx, string: str, **variables):
    """Jinja's new-style gettext in one call: Jinja's own ``_`` goes through three context calls
    (``_`` → ``gettext`` → the function), ~20 µs per text on a form page. Same autoescaping and
    %-formatting (always, even without variables)."""
    rv = _translations().ugettext(string)
    if eval_ctx.autoescape:
        rv = Markup(rv)
    return rv % variables


_LOCALES: dict[str, Locale] = {}


def select_locale() -> Locale:
    """Flask-AppBuilder's choice (``?_l_=`` for the API, else the language picked in the session, else
    the default) without its side effect of writing the default into every visitor's session, which
    made each first page view sign and set a session cookie; parsed locales are reused."""
    languages, default = current_app.config["LANGUAGES"], current_app.config["BABEL_DEFAULT_LOCALE"]
    code = None
    if has_request_context():   # CLI commands and background work use the default
        code = request.args.get("_l_")
        if code is None:
            code = session.get("locale")
    if code not in languages:
        code = default
    locale = _LOCALES.get(code)
    if locale is None:
        locale = _LOCALES[code] = Locale.parse(code)
    return locale


def install(app: Flask) -> None:
    """Jinja's new-style gettext does the %-formatting and autoescaping around these."""
    app.extensions["babel"].locale_selector = select_locale
    app.jinja_env.install_gettext_callables(gettext, ngettext, newstyle=True)
    app.jinja_env.globals.update({"_": _template_gettext, "gettext": _template_gettext})
