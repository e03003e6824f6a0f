"""Brute force on the back-office login (the form at /login/ and the REST API's /api/v1/security/login):
failed sign-ins are counted per account *and* address, per address and per account, in fixed windows on
the rate-limit storage (runtime/rate_limit.py). Once one count is spent, further attempts are refused
before the password is checked — even a right one — until the window ends. The windows are short, so an
attacker cannot lock the real user out for long: the per-account-and-address count trips first and
does not touch the user's own address; only the account-wide count (many addresses) can, for at most
its window. Every failure is in the audit log, with the address."""
from __future__ import annotations

import math
import time

from flask import Flask, current_app, flash, jsonify, redirect, request
from flask_babel import gettext as _
from limits import parse

from runtime import audit
from runtime.extensions import db
from runtime.rate_limit import client_address, limiter

LOGIN_PATHS = {"/login/": "form", "/api/v1/security/login": "api"}


def _counts(username: str):
    """(limit, bucket, identifiers) for each count a failure of ``username`` from this client adds to."""
    account = (username or "").strip().lower()[:150]
    address = client_address()
    config = current_app.config   # the numbers: runtime/config.py, SECURITY.md
    return [(parse(config["YIWANG_LOGIN_LIMIT_ACCOUNT_ADDRESS"]), "login-account-address", (account, address)),
            (parse(config["YIWANG_LOGIN_LIMIT_ADDRESS"]), "login-address", (address,)),
            (parse(config["YIWANG_LOGIN_LIMIT_ACCOUNT"]), "login-account", (account,))]


def blocked_for(username: str) -> int:
    """Seconds until this client may try ``username`` again; 0 when it may now."""
    wait = 0
    for limit, bucket, ids in _counts(username):
        if not limiter().test(limit, bucket, *ids):
            reset, _remaining = limiter().get_window_stats(limit, bucket, *ids)
            wait = max(wait, math.ceil(reset - time.time()), 1)
    return wait


def record_failure(username: str) -> None:
    for limit, bucket, ids in _counts(username):
        limiter().hit(limit, bucket, *ids)
    audit.record(db.session, "login_failed", "User", None, f"登录失败:账号“{(username or '')[:64]}”")
    db.session.commit()


def _username() -> str:
    if request.is_json:
        body = request.get_json(silent=True)
        return str(body.get("username", "")) if isinstance(body, dict) else ""
    return request.form.get("username", "")


def install(app: Flask) -> None:
    @app.before_request
    def _refuse_while_blocked():
        kind = LOGIN_PATHS.get(request.path)
        if request.method != "POST" or kind is None:
            return None
        wait = blocked_for(_username())
        if not wait:
            return None
        minutes = max(1, math.ceil(wait / 60))
        message = _("Too many failed sign-ins. Please wait %(minutes)d minutes and try again.", minutes=minutes)
        if kind == "api":
            response = jsonify({"message": message})
            response.status_code = 429
        else:
            flash(message, "warning")
            response = redirect(request.full_path.rstrip("?"))
        response.headers["Retry-After"] = str(wait)
        return response
