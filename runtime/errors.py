"""Error responses in Chinese: a clear message for every client error, never a bare 500 page."""
from __future__ import annotations

from flask import Flask, current_app, jsonify, request
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import DataError
from werkzeug.exceptions import HTTPException

PAGE = """<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>{{ title }}</title></head>
<body><main><h1>{{ title }}</h1><p>{{ message }}</p><p><a href="/">{{ home }}</a></p></main></body></html>"""


# Translated on use, one pair per response: a refused request (often hostile, many at once) costs little.
_MESSAGES = {
    400: lambda: (_("Bad request"), _("The request could not be understood. Please check your input and try again.")),
    403: lambda: (_("Access denied"), _("You do not have permission to do this.")),
    404: lambda: (_("Not found"), _("The page or record does not exist, or you may not see it.")),
    405: lambda: (_("Not allowed"), _("This action is not allowed here.")),
    413: lambda: (_("Too large"), _("The upload is too large.")),
    429: lambda: (_("Too many requests"), _("Too many attempts. Please wait a moment and try again.")),
    500: lambda: (_("Server error"),
                  _("Something went wrong on our side. Your data was not changed; please try again later.")),
}


def _messages(code: int) -> tuple[str, str]:
    pair = _MESSAGES.get(code)
    return pair() if pair else (_("Error"), _("The request failed."))


def _respond(code: int, message: str | None = None):
    title, default = _messages(code)
    message = message or default
    if request.path.startswith("/api/") or request.accept_mimetypes.best == "application/json":
        return jsonify({"message": message}), code
    return _page().render(title=title, message=message, home=_("Back to the home page")), code


def _page():
    """The error page, compiled once per application (``render_template_string`` compiles on every call,
    and refused requests — often hostile, many at once — must cost little)."""
    ext = current_app.extensions
    if "yiwang_error_page" not in ext:
        ext["yiwang_error_page"] = current_app.jinja_env.from_string(PAGE)
    return ext["yiwang_error_page"]


def error_response(code: int, message: str):
    """A refusal with a specific message: JSON for the API, the error page otherwise."""
    return _respond(code, message)


def register_error_handlers(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(exc):
        return _respond(400, _("The form has expired or did not come from this site. Please reload the page and try again."))

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException):
        return _respond(exc.code or 500)

    @app.errorhandler(DataError)
    @app.errorhandler(OverflowError)
    def value_out_of_range(exc):
        """The database refused a value from the request (an id beyond INTEGER, a text beyond its column),
        e.g. on Flask-AppBuilder's /show/<pk> routes: bad input, not a server fault."""
        from runtime.extensions import db
        db.session.rollback()
        app.logger.warning("value out of range for the database: %s", type(exc).__name__)
        return _respond(400)

    @app.errorhandler(Exception)
    def unexpected(exc: Exception):
        app.logger.exception("unhandled error")
        return _respond(500)
