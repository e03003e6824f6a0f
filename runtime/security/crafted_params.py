"""Query parameters that Flask-AppBuilder reads without checking, answered 400 here instead of a 500:
- the list views' ``psize_<View>`` / ``page_<View>`` (``int()`` of any text; FAB reads them for every
  view on every list page), ``_oc_<View>`` (a column name handed to the ORM: ``__class__`` crashes it)
  and ``_od_<View>``;
- the list views' actions ``/<view>/action/<name>/<pk>`` with a name the view has not (404);
- the REST API's ``q`` (rison): the parser recurses without end on unbalanced input like ``((((((``;
  a long or deeply nested ``q`` is refused by one linear scan before the parser sees it.
"""
from __future__ import annotations

import re

import prison
from flask import Flask, current_app, request

from runtime.errors import error_response
from runtime.i18n import gettext as _

MAX_PAGE_SIZE = 100
MAX_RISON_CHARS = 8192   # a filter of the item API is a few hundred characters
MAX_RISON_DEPTH = 16     # FAB's filters nest 3 deep
_WHOLE = re.compile(r"[0-9]{1,6}")


def _nesting(text: str) -> int:
    """The deepest bracket nesting of a rison text, in one pass (strings are quoted with ', escaped with !):
    refused before the recursive parser is asked to climb it."""
    depth = deepest = 0
    quoted = escaped = False
    for ch in text:
        if quoted:
            if escaped:
                escaped = False
            elif ch == "!":
                escaped = True
            elif ch == "'":
                quoted = False
        elif ch == "'":
            quoted = True
        elif ch == "(":
            depth += 1
            deepest = max(deepest, depth)
        elif ch == ")":
            depth -= 1
    return deepest


def _order_columns(view_name: str):
    for view in current_app.appbuilder.baseviews:
        if view.__class__.__name__ == view_name:
            return getattr(view, "order_columns", None) or ()
    return ()


def problem(args, path: str) -> str | None:
    for key, value in args.items(multi=True):
        if key.startswith(("psize_", "page_")):
            if not _WHOLE.fullmatch(value):
                return _("Parameter %(name)s must be a whole number") % {"name": key[:40]}
            if key.startswith("psize_") and not 1 <= int(value) <= MAX_PAGE_SIZE:
                return _("The page size must be between 1 and %(most)d") % {"most": MAX_PAGE_SIZE}
        elif key.startswith("_od_") and value not in ("asc", "desc"):
            return _("Parameter %(name)s must be asc or desc") % {"name": key[:40]}
        elif key.startswith("_oc_") and value not in _order_columns(key[4:]):
            return _("Cannot sort by “%(column)s”") % {"column": value[:40]}
    if path.startswith("/api/") and "q" in args:
        if len(args["q"]) > MAX_RISON_CHARS or _nesting(args["q"]) > MAX_RISON_DEPTH:
            return _("The brackets of parameter q are unbalanced or nested too deep")
        try:
            prison.loads(args["q"])
        except RecursionError:
            return _("The brackets of parameter q are unbalanced or nested too deep")
        except Exception:  # noqa: BLE001 - other rison errors are FAB's to answer (a 400 of its own)
            pass
    return None


def unknown_action() -> bool:
    """FAB's ``/<view>/action/<name>/<pk>`` looks ``name`` up without checking (an unknown one: a 500)."""
    if not (request.endpoint or "").endswith(".action") or not request.view_args:
        return False
    view = next((v for v in current_app.appbuilder.baseviews if v.endpoint == request.blueprint), None)
    return view is not None and request.view_args.get("name") not in (getattr(view, "actions", None) or {})


def install(app: Flask) -> None:
    @app.before_request
    def _refuse_crafted_params():
        if unknown_action():
            return error_response(404, _("There is no such action"))
        if not request.args:
            return None
        message = problem(request.args, request.path)
        return error_response(400, message) if message else None
