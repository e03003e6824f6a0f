"""Builder pages for exchange: export a selection of one's items; import a bundle with a dry-run
report and per-item choices, applied in one transaction."""
from __future__ import annotations

import hashlib
from datetime import datetime, timezone

from flask import Blueprint, Response, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from runtime.extensions import db
from runtime.models import Department
from runtime.security.scoping import department_ids
from runtime.storage import FileStore

from .access import require_author
from .exchange.apply import ImportRefused, apply_plan
from .exchange.bundle import MAX_BUNDLE_BYTES, BundleError, read_bundle
from .exchange.export import export_items, select_items
from .exchange.local_keys import MODES
from .exchange.plan import CHOICE_LABELS, plan_import

exchange = Blueprint("exchange", __name__, url_prefix="/builder/exchange", template_folder="templates")


@exchange.before_request
def _authors_only():
    return require_author()


def _bundles() -> FileStore:
    """Uploaded bundles wait here between the report and the apply step (content-addressed)."""
    return FileStore(current_app.config["YIWANG_STORAGE_DIR"] + "/bundles")


def _departments():
    return db.session.scalars(select(Department).where(Department.id.in_(department_ids())).order_by(Department.name)).all()


@exchange.get("/")
def index():
    items = select_items(allowed_department_ids=department_ids())
    return render_template("builder/exchange.html", items=items, departments=_departments(), modes=MODES)


@exchange.post("/export")
def export():
    codes = request.form.getlist("code")
    if request.form.get("scope") == "all":  # every published item of the user's departments
        items = select_items(allowed_department_ids=department_ids())
    else:
        items = select_items(codes, allowed_department_ids=department_ids()) if codes else []
    if not items:
        flash(_("Choose at least one published item to export."))
        return redirect(url_for("exchange.index"))
    data = export_items(items, exporter=current_app.config.get("YIWANG_INSTANCE_NAME", "yiwang"),
                        exported_at=datetime.now(timezone.utc).isoformat(timespec="seconds"))
    name = f"yiwang-items-{datetime.now(timezone.utc):%Y%m%d}.zip"
    return Response(data, mimetype="application/zip", headers={"Content-Disposition": f'attachment; filename="{name}"'})


def _plan(data: bytes, form):
    bundle = read_bundle(data)
    target = None
    if form.get("department"):
        target = next((d for d in _departments() if str(d.id) == form.get("department")), None)
        if target is None:
            abort(403)  # not one of the user's departments
    mode = form.get("mode") if form.get("mode") in MODES else "catalogue"
    return bundle, target, mode, plan_import(bundle, department=target, mode=mode,
                                             allowed_department_ids=department_ids())


@exchange.post("/import")
def import_report():
    upload = request.files.get("bundle")
    data = upload.read(MAX_BUNDLE_BYTES + 1) if upload else b""
    if not data:
        flash(_("Choose a bundle file (.zip) to import."))
        return redirect(url_for("exchange.index"))
    try:
        bundle, target, mode, entries = _plan(data, request.form)
    except BundleError as exc:
        return render_template("builder/exchange.html", items=select_items(allowed_department_ids=department_ids()),
                               departments=_departments(), modes=MODES, bundle_problems=exc.problems), 400
    sha = _bundles().put(data).sha256
    return render_template("builder/import_report.html", entries=entries, manifest=bundle.manifest, sha=sha,
                           target=target, mode=mode, choice_labels=CHOICE_LABELS)


@exchange.post("/import/apply")
def import_apply():
    sha = request.form.get("bundle", "")
    store = _bundles()
    if len(sha) != 64 or not store.exists(sha):
        flash(_("The uploaded bundle has expired. Please upload it again."))
        return redirect(url_for("exchange.index"))
    data = store.read(sha)
    if hashlib.sha256(data).hexdigest() != sha:
        flash(_("The uploaded bundle has expired. Please upload it again."))
        return redirect(url_for("exchange.index"))
    bundle, target, mode, entries = _plan(data, request.form)
    choices = {e.source_code: request.form.get(f"choice-{e.source_code}", e.default_choice) for e in entries}
    try:
        counts = apply_plan(bundle, entries, choices, user_id=current_user.id, allowed_department_ids=department_ids())
        db.session.commit()
    except ImportRefused as exc:
        db.session.rollback()
        flash(_("Nothing was imported: %(reason)s", reason=str(exc)))
        return redirect(url_for("exchange.index"))
    flash(_("Import finished: %(draft)s saved as drafts, %(replace)s published, %(skip)s skipped.", **counts))
    return redirect(url_for("builder.item_list"))
