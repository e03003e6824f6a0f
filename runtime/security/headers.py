"""Response headers every page gets: no MIME sniffing (an upload or JSON is never run as HTML), no
framing by other sites (clickjacking of the back office), and no Referer outside the site (the resume
link /zwfw/a/<token>/… is a secret and must not leak to a linked site)."""
from __future__ import annotations

from flask import Flask

DEFAULTS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "SAMEORIGIN",
    "Referrer-Policy": "same-origin",
}


def install(app: Flask) -> None:
    @app.after_request
    def _security_headers(response):
        for name, value in DEFAULTS.items():
            response.headers.setdefault(name, value)
        return response
