"""节假日安排 page for system administrators: enter next year's holidays and 调休 working days when the
State Council publishes them, without a release (the CLI `flask yiwang calendar load` does the same)."""
from __future__ import annotations

import re

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from runtime.extensions import db
from runtime.models import CalendarYear
from runtime.security.roles import SYSTEM_ADMIN
from runtime.work_calendar import ScheduleInvalid, calendar, save_schedule

calendar_admin = Blueprint("calendar_admin", __name__, url_prefix="/admin/calendar",
                           template_folder="clerk/templates")  # shares the clerk layout


@calendar_admin.before_request
def _system_admins_only():
    if not getattr(current_user, "is_authenticated", False):
        return redirect(url_for("AuthDBView.login", next=request.path))
    if SYSTEM_ADMIN not in {r.name for r in current_user.roles}:
        abort(403)


def _dates(text: str) -> list[str]:
    return [d for d in re.split(r"[\s,,、;;]+", text or "") if d]


@calendar_admin.route("/", methods=["GET", "POST"])
def schedules():
    problems = []
    if request.method == "POST":
        year = request.form.get("year", "")
        try:
            save_schedule({"year": int(year) if year.isascii() and year.isdigit() else year, "source": request.form.get("source", ""),
                           "holidays": _dates(request.form.get("holidays")),
                           "workdays": _dates(request.form.get("workdays"))})
        except ScheduleInvalid as exc:
            db.session.rollback()
            problems = exc.problems
        else:
            db.session.commit()
            flash(_("The holiday schedule for %(year)s was saved; deadlines use it from now on.", year=year))
            return redirect(url_for("calendar_admin.schedules"))
    rows = db.session.scalars(select(CalendarYear).order_by(CalendarYear.year)).all()
    cal = calendar()
    return render_template("clerk/calendar.html", rows=rows, first=cal.first_year, last=cal.last_year,
                           problems=problems, form=request.form), (400 if problems else 200)
