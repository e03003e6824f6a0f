"""Applicants sign in on a page of the service column (/zwfw/login), not on the staff login: the same
accounts and password check as Flask-AppBuilder's (``auth_user_db``: failed-login counting, inactive
users refused), a per-address limit on attempts, one message that does not say which part was wrong,
and a return address that can only point inside this site."""
from __future__ import annotations

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_user

from runtime import rate_limit

from . import bp
from .page_chrome import signed_in

ATTEMPTS = "10/minute"


def _safe_next(value: str | None) -> str:
    """Only a path on this site (never //host or a scheme): an open redirect would let a phishing
    link send a just-signed-in applicant elsewhere."""
    if value and value.startswith("/") and not value.startswith("//") and "\\" not in value and "\n" not in value:
        return value
    return url_for("portal.my_applications")


@bp.route("/login", methods=["GET", "POST"])
def sign_in():
    target = _safe_next(request.values.get("next"))
    if signed_in():
        return redirect(target)
    error, username = None, request.form.get("username", "").strip()[:100]
    if request.method == "POST":
        if not rate_limit.allow("citizen-sign-in", ATTEMPTS):
            error = _("Too many attempts. Please wait a minute and try again.")
        else:
            user = current_app.appbuilder.sm.auth_user_db(username, request.form.get("password", "")[:200])
            if user is not None:
                login_user(user, remember=False)
                flash(_("You are signed in."))
                return redirect(target)
            error = _("The account or the password is not right. Please check both and try again.")
    return render_template("portal/sign_in.html", error=error, username=username, next=target), (400 if error else 200)
