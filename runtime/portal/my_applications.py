"""我的申请: a signed-in applicant's applications (those started while signed in). Opening one
issues a fresh resume link (the old link stops working), since only link hashes are stored."""
from __future__ import annotations

import secrets

from flask import abort, redirect, render_template, url_for
from flask_login import current_user
from sqlalchemy import select

from runtime.extensions import db
from runtime.models import Application

from . import bp
from .drafts import EDITABLE, token_hash
from .status_views import status_labels


def _signed_in():
    if not getattr(current_user, "is_authenticated", False):
        return None
    return current_user


@bp.get("/my")
def my_applications():
    user = _signed_in()
    if user is None:
        return redirect(url_for("portal.sign_in", next=url_for("portal.my_applications")))
    rows = db.session.scalars(select(Application).where(Application.applicant_user_id == user.id)
                              .order_by(Application.updated_at.desc()).limit(200)).all()
    return render_template("portal/my_applications.html", applications=rows, labels=status_labels(),
                           editable=EDITABLE)


@bp.post("/my/<int:application_id>/open")
def open_my_application(application_id: int):
    user = _signed_in()
    application = db.session.get(Application, application_id)
    if user is None or application is None or application.applicant_user_id != user.id:
        abort(404)
    token = secrets.token_urlsafe(24)
    application.resume_token_hash = token_hash(token)
    db.session.commit()
    key = "applicant" if application.status in EDITABLE else None
    if key:
        return redirect(url_for("portal.page", token=token, key=key))
    return redirect(url_for("portal.done", token=token))
