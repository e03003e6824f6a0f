"""更正文书: a clerk re-issues a document whose content was wrong (after the case data was corrected): a new
文书编号 that names the old one, signed and kept like any issued document; the old file stays in the
register and its verify page says it was corrected (runtime/documents/register.py)."""
from __future__ import annotations

from flask import flash, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from runtime import clock
from runtime.documents.issuing import printable
from runtime.documents.register import correct
from runtime.extensions import db
from runtime.models import IssuedDocument

from . import bp
from .views import DOCUMENTS, _case


def _current(application_id: int):
    return select(IssuedDocument).where(IssuedDocument.application_id == application_id,
                                        IssuedDocument.replaced_by_id.is_(None), IssuedDocument.pdf.is_not(None))


@bp.app_template_global("issued_documents")
def issued_documents(application_id: int) -> dict:
    """kind -> the current issued document of the case (its number is shown beside the link)."""
    return {row.kind: row for row in db.session.scalars(_current(application_id).order_by(IssuedDocument.id))}


@bp.post("/applications/<int:application_id>/documents/<kind>/correct")
def correct_document(application_id: int, kind: str):
    application = _case(application_id)
    current = db.session.scalar(_current(application.id).where(IssuedDocument.kind == kind)
                                .order_by(IssuedDocument.id.desc()))
    if kind not in printable(application, DOCUMENTS) or current is None:
        flash(_("This document has not been issued yet: print it first."))
    else:
        old_number = current.number
        new = correct(current, today=clock.today(), user_id=current_user.id,
                      clerk=current_user.first_name + current_user.last_name)
        flash(_("Corrected document %(new)s issued; it replaces %(old)s.", new=new.number, old=old_number))
    return redirect(url_for("clerk.case_file", application_id=application_id))
