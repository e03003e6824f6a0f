"""Request bodies on the public pages are small forms, except where files are uploaded; a body larger
than ``YIWANG_PUBLIC_BODY_LIMIT_KB`` (1 MB) sent to one of them is refused from its Content-Length,
before anything reads it, so an anonymous client cannot make a worker read megabytes of junk at every
form. Uploads (the materials page) keep the global MAX_CONTENT_LENGTH (64 MB)."""
from __future__ import annotations

from flask import Flask, current_app, make_response, request

from runtime.errors import error_response

PUBLIC = ("/zwfw/", "/login/", "/api/v1/security/login")
UPLOAD_ENDPOINTS = {("portal.page", "materials")}


def install(app: Flask) -> None:
    def _refuse_large_public_bodies():
        length = request.content_length or 0
        limit = current_app.config["YIWANG_PUBLIC_BODY_LIMIT_KB"] * 1024
        if length <= limit or not request.path.startswith(PUBLIC):
            return None
        if (request.endpoint, (request.view_args or {}).get("key")) in UPLOAD_ENDPOINTS:
            return None
        response = make_response(error_response(413, "提交的内容过大。"))
        response.headers["Connection"] = "close"   # the unread body is not worth reading
        return response

    # first of all before-request functions: the CSRF check (installed earlier) would read the form
    app.before_request_funcs.setdefault(None, []).insert(0, _refuse_large_public_bodies)
