"""Content-Security-Policy on every HTML page, so that a script injected despite autoescaping has
nowhere to run. Our own pages (the public column, the clerk workstation, the builder) load scripts only
from our static files and never inline (data for scripts travels in ``<script type="application/json">``,
which is not executed); Flask-AppBuilder's back-office screens carry inline scripts of their own, so
they keep 'unsafe-inline' but still no outside source, no plugins, no foreign form targets or framing.
A response that sets its own policy (stored files, page previews) keeps it."""
from __future__ import annotations

from flask import Flask, request

_COMMON = "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'"
STRICT = f"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; {_COMMON}"
BUILDER = f"default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; {_COMMON}"
BACK_OFFICE = (f"default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
               f"img-src 'self' data:; font-src 'self' data:; {_COMMON}")
OWN_PAGES = (("/zwfw", STRICT), ("/clerk", STRICT), ("/builder", BUILDER))


def policy_for(path: str) -> str:
    for prefix, policy in OWN_PAGES:
        if path == prefix or path.startswith(prefix + "/"):
            return policy
    return BACK_OFFICE


def install(app: Flask) -> None:
    @app.after_request
    def _content_policy(response):
        if response.mimetype == "text/html" and "Content-Security-Policy" not in response.headers:
            response.headers["Content-Security-Policy"] = policy_for(request.path)
        return response
