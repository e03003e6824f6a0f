"""Builder pages for exchange: export a selection of one's items; import a bundle with a dry-run
report and per-item choices, applied in one transaction. Both import steps run as background jobs
(builder/import_jobs.py, builder/import_steps.py); these views check what they can at once, start the
job and follow it (builder/exchange_progress.py)."""
from __future__ import annotations

import hashlib
import tempfile
from datetime import datetime, timezone

from flask import Blueprint, abort, current_app, flash, jsonify, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user

from runtime.bundle_retention import bundle_store, is_current
from runtime.security.scoping import department_ids, is_system_admin

from . import department_choice
from . import exchange_progress as progress
from .access import require_author
from .exchange import limits
from .exchange.bundle import BundleError, read_bundle
from .exchange.export import ExportRefused, Selection, refuse_oversized, select_items, write_parts
from .exchange.local_keys import MODES
from .exchange_progress import error_response, wants_progress
from .import_jobs import jobs

exchange = Blueprint("exchange", __name__, url_prefix="/builder/exchange", template_folder="templates")


@exchange.before_request
def _authors_only():
    return require_author()


def _departments() -> dict:
    """The department choosers: every department in a select when there are few, else a searchable combobox."""
    total = department_choice.count()
    return {"count": total, "listed": department_choice.listed() if total <= department_choice.LISTED else None}


@exchange.get("/departments")
def departments():
    """The combobox's matches: the first MAX_MATCHES of the user's departments by name or pinyin."""
    rows = department_choice.search(request.args.get("q", ""))
    return jsonify([{"id": r.id, "name": r.name} for r in rows])


LISTED = 500   # items to tick on the page; a province exports per department or from the command line


def _scope():
    """The departments an export may read and an import may write: None (every department, and no id list
    in the queries or the job's parameters) for the system administrator, else the user's own."""
    return None if is_system_admin() else department_ids()


def _export_list() -> dict:
    """The items to tick (at most LISTED, and how many there are) and the bundle caps, for the page."""
    scope = _scope()
    return {"items": select_items(allowed_department_ids=scope, limit=LISTED),
            "published": Selection(allowed_department_ids=scope).count(), "limits": limits.summary_zh()}


@exchange.get("/")
def index():
    return render_template("builder/exchange.html", departments=_departments(), modes=MODES, **_export_list())


@exchange.post("/export")
def export():
    codes = request.form.getlist("code")
    if request.form.get("scope") == "all":  # every published item of the user's departments
        selection = Selection(allowed_department_ids=_scope())
    elif request.form.get("scope") == "department":
        dept = _chosen(request.form)
        if dept is None or isinstance(dept, str):
            flash(dept or _("Choose a department to export."))
            return redirect(url_for("exchange.index"))
        selection = Selection(department_code=dept.code, allowed_department_ids=_scope())
    else:
        selection = Selection(tuple(codes), allowed_department_ids=_scope()) if codes else None
    total = selection.count() if selection else 0
    if not total:
        flash(_("Choose at least one published item to export."))
        return redirect(url_for("exchange.index"))
    # Written to a temporary file entry by entry (memory stays bounded), refused up front when it
    # cannot be one bundle: the page offers no parts, the command line does (items export --part-size).
    out = tempfile.TemporaryFile()
    try:
        refuse_oversized(total, None)
        write_parts(selection.rows(), lambda n: out, exporter=current_app.config.get("YIWANG_INSTANCE_NAME", "yiwang"),
                    exported_at=datetime.now(timezone.utc).isoformat(timespec="seconds"), total=total)
    except ExportRefused as exc:
        out.close()
        flash(str(exc))
        return redirect(url_for("exchange.index"))
    out.seek(0)
    name = f"yiwang-items-{datetime.now(timezone.utc):%Y%m%d}.zip"
    return send_file(out, mimetype="application/zip", as_attachment=True, download_name=name)


def _chosen(form):
    """The department the form chose (None: none), or a message when the typed name chose none."""
    if form.get("department") and department_choice.get(form["department"]) is None:
        abort(403)  # not one of the user's departments
    resolved = department_choice.resolve(form)
    return resolved.error or resolved.department


def _target(form):
    target = _chosen(form)
    mode = form.get("mode") if form.get("mode") in MODES else "catalogue"
    return target, mode


def _index_with_problems(problems, status=400):
    return render_template("builder/exchange.html", departments=_departments(), modes=MODES,
                           bundle_problems=problems, **_export_list()), status


def _refuse(message: str, problems=()):
    """Refused before any work started: an error event for the script, the exchange page otherwise."""
    if wants_progress():
        return error_response(message, problems)
    return _index_with_problems(list(problems) or [message])  # the page has the heading already


def _on_error(event):
    return _index_with_problems([event.get("error") or _("Nothing was imported.")] + event.get("problems", []))


def _started(step: str, **params):
    """Hand the step to a background job (builder/import_jobs.py); the page follows its progress."""
    job_id = jobs().start(step, {**params, "user_id": current_user.id, "username": current_user.username,
                                 "allowed": _scope()})
    if wants_progress():
        return progress.stream(job_id, started=True)
    return redirect(progress.job_url(job_id), 303)


@exchange.post("/import")
def import_report():
    upload = request.files.get("bundle")
    data = upload.read(limits.MAX_BUNDLE_BYTES + 1) if upload else b""
    if not data:
        return _refuse(_("Choose a bundle file (.zip) to import."))
    target, mode = _target(request.form)
    if isinstance(target, str):
        return _refuse(target)
    try:
        read_bundle(data)   # the caps and the format, at once: a refusal needs no job
    except BundleError as exc:
        return _refuse(_("The bundle cannot be imported:"), exc.problems)
    return _started("check", sha=bundle_store().put(data).sha256, target_id=target.id if target else None, mode=mode)


@exchange.post("/import/apply")
def import_apply():
    sha = request.form.get("bundle", "")
    store = bundle_store()
    current = len(sha) == 64 and all(c in "0123456789abcdef" for c in sha) and is_current(store, sha)
    data = store.read(sha) if current else b""
    if hashlib.sha256(data).hexdigest() != sha:
        return _refuse(_("The uploaded bundle has expired. Please upload it again."))
    target, mode = _target(request.form)
    if isinstance(target, str):
        return _refuse(target)
    choices = {k: v for k, v in request.form.items() if k.startswith("choice-")}
    return _started("apply", sha=sha, target_id=target.id if target else None, mode=mode, choices=choices)


@exchange.get("/jobs/<job_id>")
def job(job_id: str):
    """An import job's progress: streamed events for the script (from ``?after=``), a page otherwise."""
    progress.owned(job_id)
    if wants_progress():
        after = request.args.get("after", "0")
        return progress.stream(job_id, int(after) if after.isascii() and after.isdigit() and len(after) < 9 else 0)
    return progress.page(job_id, _on_error)
