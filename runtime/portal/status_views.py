"""结果反馈: look up an application by its number and the applicant's ID number (or credit code).
Rate-limited per client address; the ID is shown masked; an unknown pair and a wrong ID look alike."""
from __future__ import annotations

from flask import current_app, render_template, request
from flask_babel import gettext as _
from sqlalchemy import select

from runtime.extensions import db
from runtime.models import Application
from runtime.rate_limit import allow

from . import bp


def status_labels() -> dict:
    return {"draft": _("Draft (not submitted)"), "submitted": _("Submitted, waiting for acceptance"),
            "reviewed": _("Pre-review passed, waiting for acceptance"),
            "needs_correction": _("Corrections needed (see the one-time notice)"), "accepted": _("Accepted"),
            "rejected": _("Not accepted"), "completed": _("Completed"), "withdrawn": _("Withdrawn"),
            "voided": _("Voided")}


def _matches(application: Application, identity: str) -> bool:
    applicant = application.applicant or {}
    identity = identity.strip().upper()
    return bool(identity) and identity in {str(applicant.get("id_number", "")).upper(),
                                          str(applicant.get("credit_code", "")).upper()}


@bp.route("/status", methods=["GET", "POST"])
def status():
    found, error, code = None, None, 200
    number = request.values.get("number", "").strip()[:32]
    if request.method == "POST":
        if not allow("status", current_app.config["YIWANG_STATUS_RATE_LIMIT"]):
            error, code = _("Too many look-ups from your address. Please wait a minute and try again."), 429
        else:
            application = db.session.scalar(select(Application).where(Application.number == number)) if number else None
            if application is not None and _matches(application, request.form.get("identity", "")):
                found = application
            else:
                error, code = _("No application matches this number and ID number. Please check both."), 404
    from runtime.casework.timeline import AUTO_OUTCOMES
    return render_template("portal/status.html", found=found, error=error, number=number,
                           labels=status_labels(), auto_outcomes=AUTO_OUTCOMES), code
