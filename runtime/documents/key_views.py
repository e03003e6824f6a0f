"""签章证书 page for system administrators: import a department's PKCS#12 (which replaces its active
key), retire a key, see which key signs for which department. Private keys are never shown or
downloaded; the CLI `flask docs keys` does the same from a shell."""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from runtime.extensions import db
from runtime.models import Department, SigningKey
from runtime.security.roles import SYSTEM_ADMIN

from .keys import SigningKeyError, import_pkcs12, retire

# The template lives with the clerk layout it extends (runtime/clerk/templates/clerk/signing_keys.html).
signing_keys_admin = Blueprint("signing_keys", __name__, url_prefix="/admin/signing-keys")


@signing_keys_admin.before_request
def _system_admins_only():
    if not getattr(current_user, "is_authenticated", False):
        return redirect(url_for("AuthDBView.login", next=request.path))
    if SYSTEM_ADMIN not in {r.name for r in current_user.roles}:
        abort(403)


@signing_keys_admin.route("/", methods=["GET", "POST"])
def keys():
    error = None
    if request.method == "POST":
        department = db.session.get(Department, request.form.get("department", type=int) or 0)
        upload = request.files.get("file")
        try:
            if department is None:
                raise SigningKeyError(_("Please choose the department."))
            key = import_pkcs12(department.id, upload.read(64 * 1024 + 1) if upload else b"",
                                request.form.get("password", ""), user_id=current_user.id)
        except SigningKeyError as exc:
            db.session.rollback()
            error = str(exc)
        else:
            db.session.commit()
            flash(_("%(department)s now signs its documents with %(subject)s.", department=department.name,
                    subject=key.subject))
            return redirect(url_for("signing_keys.keys"))
    departments = db.session.scalars(select(Department).order_by(Department.name)).all()
    rows = db.session.scalars(select(SigningKey).order_by(SigningKey.department_id, SigningKey.id.desc())).all()
    return render_template("clerk/signing_keys.html", departments=departments, rows=rows, error=error,
                           chosen=request.form.get("department", type=int)), (400 if error else 200)


@signing_keys_admin.post("/<int:key_id>/retire")
def retire_key(key_id: int):
    key = db.session.get(SigningKey, key_id)
    if key is None:
        abort(404)
    retire(key)
    db.session.commit()
    flash(_("The key %(subject)s no longer signs; documents it signed stay verifiable.", subject=key.subject))
    return redirect(url_for("signing_keys.keys"))
