"""Builder pages for exchange: export a selection of one's items; import a bundle with a dry-run
report and per-item choices, applied in one transaction."""
from __future__ import annotations

import hashlib
import tempfile
import time
from collections import Counter
from datetime import datetime, timezone

from flask import Blueprint, abort, current_app, flash, jsonify, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user

from runtime import audit
from runtime.bundle_retention import bundle_store, is_current
from runtime.extensions import db
from runtime.models import Department
from runtime.security.scoping import department_ids, is_system_admin

from . import department_choice
from .access import require_author
from .exchange.apply import ImportRefused, apply_steps
from .exchange import limits
from .exchange.bundle import BundleError, read_bundle
from .exchange.export import ExportRefused, Selection, refuse_oversized, select_items, write_parts
from .exchange.local_keys import MODES
from .exchange.plan import CHOICE_LABELS, STATUS_LABELS, iter_plan
from .exchange.summary import ImportSummary
from .exchange_progress import error_response, final, respond, wants_progress

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
    """The departments an export may read: None (no id list in the queries) for the system administrator."""
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


def _planned(bundle, target_id, mode, allowed, entries: list):
    """Plan the bundle into ``entries``, yielding a progress event per item. Runs inside the streamed
    response, after the view's session was closed: it takes ids and plain values, not ORM objects."""
    target = db.session.get(Department, target_id) if target_id else None
    total = len(bundle.definitions)
    yield {"phase": "check", "done": 0, "total": total}
    for n, entry in enumerate(iter_plan(bundle, department=target, mode=mode, allowed_department_ids=allowed), 1):
        entries.append(entry)
        yield {"phase": "check", "done": n, "total": total, "code": entry.source_code, "name": entry.name}


def _on_error(event):
    return _index_with_problems([event.get("error") or _("Nothing was imported.")] + event.get("problems", []))


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
        bundle = read_bundle(data)
    except BundleError as exc:
        return _refuse(_("The bundle cannot be imported:"), exc.problems)
    target_id, allowed = target.id if target else None, department_ids()
    sha = bundle_store().put(data).sha256

    def events():
        entries: list = []
        try:
            yield from _planned(bundle, target_id, mode, allowed, entries)
        except Exception:  # noqa: BLE001 - the response has started: say so in the stream instead of a 500
            current_app.logger.exception("import check failed")
            yield {"error": _("The bundle could not be checked because of an unexpected error. Nothing was written.")}
            return
        counts = Counter(e.status for e in entries)
        yield final("report", "builder/import_report.html", "builder/_import_report.html", entries=entries,
                    manifest=bundle.manifest, notes=bundle.notes, sha=sha, target_id=target_id, mode=mode,
                    choice_labels=CHOICE_LABELS, status_counts=[(STATUS_LABELS[k], counts[k]) for k in STATUS_LABELS])
    return respond(events(), _on_error)


@exchange.post("/import/apply")
def import_apply():
    sha = request.form.get("bundle", "")
    store = bundle_store()
    current = len(sha) == 64 and all(c in "0123456789abcdef" for c in sha) and is_current(store, sha)
    data = store.read(sha) if current else b""
    if hashlib.sha256(data).hexdigest() != sha:
        return _refuse(_("The uploaded bundle has expired. Please upload it again."))
    try:
        bundle = read_bundle(data)
    except BundleError as exc:  # the reader changed since the check (an upgrade of the system)
        return _refuse(_("The bundle cannot be imported:"), exc.problems)
    target, mode = _target(request.form)
    if isinstance(target, str):
        return _refuse(target)
    target_id, form, user_id, allowed = target.id if target else None, request.form, current_user.id, department_ids()

    def events():
        started, entries = time.monotonic(), []
        try:
            yield from _planned(bundle, target_id, mode, allowed, entries)
            choices = {e.source_code: form.get(f"choice-{e.source_code}", e.default_choice) for e in entries}
            for n, total, entry, choice in apply_steps(bundle, entries, choices, user_id=user_id,
                                                       allowed_department_ids=allowed):
                yield {"phase": "apply", "done": n, "total": total, "code": entry.source_code, "name": entry.name,
                       "choice": choice}
            summary = ImportSummary.of(entries, choices, time.monotonic() - started)
            audit.record(db.session, "import", "Bundle", sha[:16],
                         f"导入交换包({bundle.manifest.get('exporter', '')}):{summary.text()}")
            db.session.commit()
        except ImportRefused as exc:
            db.session.rollback()
            yield {"error": _("Nothing was imported: %(reason)s", reason=str(exc))}
            return
        except Exception:  # noqa: BLE001 - roll everything back and say so; the response has already started
            db.session.rollback()
            current_app.logger.exception("import apply failed")
            yield {"error": _("Nothing was imported: an unexpected error occurred; every change was rolled back.")}
            return
        yield {**final("summary", "builder/import_summary.html", "builder/_import_summary.html",
                       summary=summary, manifest=bundle.manifest), "summary": summary.to_dict()}
    return respond(events(), _on_error)
