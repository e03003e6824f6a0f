"""扫码验真: the public page a document's QR code opens. Anyone can see what was issued under a
verification code (kind, 文书编号, date, issuing department, the applicant masked, the file's SHA-256,
voided or corrected), download nothing, and upload a PDF to learn whether it is exactly the issued file
and whether its signature is valid. Rate-limited per client address like the status look-up."""
from __future__ import annotations

from flask import current_app, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy import select

from runtime.documents.checking import MAX_UPLOAD, check_signature, sha256
from runtime.documents.verification import grouped, normalize
from runtime.documents.wording import WORDING
from runtime.engine.identifiers import mask_id_number
from runtime.extensions import db
from runtime.models import IssuedDocument, SigningKey
from runtime.rate_limit import allow

from . import bp


def masked_name(applicant: dict) -> str:
    """A person's name as 张*明 / 张*; an organisation's name is public and shown whole."""
    name = str(applicant.get("name", ""))
    if applicant.get("type") == "organization" or len(name) > 4:
        return name
    return name[:1] + "*" * max(len(name) - 2, 1) + (name[-1] if len(name) > 2 else "")


def _summary(row: IssuedDocument) -> dict:
    application = row.application
    applicant = application.applicant or {}
    identity = applicant.get("credit_code") or applicant.get("id_number") or ""
    return {"title": WORDING.get(f"title.{row.kind}", row.kind), "number": row.number, "issued_on": row.issued_on,
            "department": application.department.name, "applicant": masked_name(applicant),
            "identity": mask_id_number(identity) if identity else "", "sha256": row.sha256,
            "item": application.item_version.item.name, "voided": application.status == "voided",
            "replaced_by": row.replaced_by.number if row.replaced_by else None,
            "corrects": row.corrects.number if row.corrects else None,
            "key": row.signing_key}


@bp.route("/verify", methods=["GET", "POST"])
def verify_form():
    """Type a code from the paper."""
    error = None
    if request.method == "POST":
        code = normalize(request.form.get("code", ""))
        if code:
            return redirect(url_for("portal.verify", code=grouped(code)))
        error = _("A verification code has 12 letters and digits, e.g. 7K3M-Q9XD-2HPA.")
    return render_template("portal/verify.html", document=None, error=error, code=request.form.get("code", "")[:40],
                           result=None), 400 if error else 200


@bp.route("/verify/<code>", methods=["GET", "POST"])
def verify(code: str):
    normalized = normalize(code)
    if not allow("verify", current_app.config["YIWANG_VERIFY_RATE_LIMIT"]):
        return render_template("portal/verify.html", document=None, result=None, code=code[:40],
                               error=_("Too many look-ups from your address. Please wait a minute and try again.")), 429
    row = db.session.scalar(select(IssuedDocument).where(IssuedDocument.verify_code == normalized)) if normalized else None
    if row is None or row.sha256 is None:   # (the kept PDF itself is not loaded: only its digest is needed)
        return render_template("portal/verify.html", document=None, result=None, code=code[:40],
                               error=_("No issued document has this verification code. Please check the code on the paper.")), 404
    result, status = None, 200
    if request.method == "POST":
        result, status = _check_upload(row)
    return render_template("portal/verify.html", document=_summary(row), result=result, code=grouped(normalized),
                           error=None), status


def _check_upload(row: IssuedDocument):
    upload = request.files.get("file")
    data = upload.read(MAX_UPLOAD + 1) if upload else b""
    if not data:
        return {"error": _("Please choose the PDF file to check.")}, 400
    if len(data) > MAX_UPLOAD:
        return {"error": _("The file is too large to be an issued document (at most 10 MB).")}, 400
    if not data.startswith(b"%PDF-"):
        return {"error": _("The file is not a PDF.")}, 400
    digest = sha256(data)
    keys = db.session.scalars(select(SigningKey).where(SigningKey.department_id == row.application.department_id)).all()
    return {"sha256": digest, "identical": digest == row.sha256, "signature": check_signature(data, keys)}, 200
