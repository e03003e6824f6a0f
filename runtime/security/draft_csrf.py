"""CSRF tokens for the pages behind a resume link (/zwfw/a/<token>/…), bound to that link.

A cross-site request forgery borrows the authority a browser sends by itself (its cookies). A resume
link's authority is the link: whoever can build a request to it already holds the draft, cookie or
not. So the forms of those pages carry HMAC(SECRET_KEY, resume token) instead of Flask-WTF's
session token. What that gives the citizen: a long form is never refused as "expired" (the session
token lapses after WTF_CSRF_TIME_LIMIT, an hour, and the post would be lost), it works with cookies
blocked, and viewing a step needs no session: no cookie is signed and set on every page.
Every other route, and these routes without the bound token, get Flask-WTF's check unchanged.
"""
from __future__ import annotations

import hashlib
import hmac

from flask import Flask, current_app, g, request
from flask_wtf.csrf import CSRFProtect, generate_csrf, same_origin

BLUEPRINT = "portal"
_PURPOSE = b"yiwang-draft-form\x00"


def _resume_token() -> str | None:
    if request.blueprint != BLUEPRINT or not request.view_args:
        return None
    token = request.view_args.get("token")
    return token if isinstance(token, str) and token else None


def bound_token(resume_token: str) -> str:
    key = current_app.config["SECRET_KEY"]
    key = key.encode("utf-8") if isinstance(key, str) else key
    return hmac.new(key, _PURPOSE + resume_token.encode("utf-8"), hashlib.sha256).hexdigest()


def form_token() -> str:
    """The ``csrf_token()`` of every template: bound to the resume link on its pages, else Flask-WTF's."""
    token = _resume_token()
    return bound_token(token) if token is not None else generate_csrf()


class DraftAwareCSRF(CSRFProtect):
    def init_app(self, app: Flask) -> None:
        super().init_app(app)
        app.jinja_env.globals["csrf_token"] = form_token

    def protect(self, apply_exemptions: bool = False):
        if request.method not in current_app.config["WTF_CSRF_METHODS"]:
            return None   # what Flask-WTF answers too, after its exemption checks (every page view)
        resume = _resume_token()
        if resume is not None:
            sent = self._get_csrf_token()
            if isinstance(sent, str) and hmac.compare_digest(sent, bound_token(resume)):
                self._check_referrer()
                g.csrf_valid = True
                return None
        return super().protect(apply_exemptions)   # a page opened before: its session token still works

    def _check_referrer(self) -> None:
        """Flask-WTF's HTTPS rule, kept for the bound tokens: the post must come from this site."""
        if request.is_secure and current_app.config["WTF_CSRF_SSL_STRICT"]:
            if not request.referrer:
                self._error_response("The referrer header is missing.")
            if not same_origin(request.referrer, f"https://{request.host}/"):
                self._error_response("The referrer does not match the host.")
