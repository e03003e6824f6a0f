"""The register of issued documents (文书登记): the first print of a document for a decision renders it
as PDF/A-2b with its 扫码验真 block, signs it with the department's active key and keeps the exact
bytes with their SHA-256. Every later print — by the clerk or by the applicant online — returns those
bytes: re-rendering never replaces an issued document. A correction is a new row with a new number
that names the row it corrects; the old one stays, marked as replaced.

Issuing is a POST (``printed_document``, behind CSRF); the print views' GETs only serve what was issued
(``kept_document``), so a link from another site cannot take a number. The verify page reads the same rows."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date

from flask import current_app, request

from runtime import work_calendar
from runtime.extensions import db
from runtime.models import Application, IssuedDocument

from . import DocumentContext, load_theme
from .issuing import UNNUMBERED, already_issued, document_result, issue, numbered, reasons, received_at
from .keys import active_key, key_material
from .renderer import render_document
from .signing import document_signer
from .verification import Verification, new_code, verification_url


@dataclass(frozen=True)
class Printed:
    pdf: bytes
    issued: IssuedDocument | None     # None: an unnumbered kind (the guide), rendered fresh


def public_base_url() -> str:
    """Where citizens reach the portal (printed in the QR code): YIWANG_PUBLIC_URL, else this request's host."""
    return current_app.config.get("YIWANG_PUBLIC_URL") or request.url_root


def printed_document(application: Application, kind: str, *, today: date, user_id: int | None = None,
                     clerk: str = "") -> Printed:
    """The document ``kind`` of the application's current decision: the kept file when it was issued
    before, else issued, rendered, signed and kept now. Commits (the number and the file together)."""
    issued = issue(application, kind, today=today, user_id=user_id)
    if issued is None:
        return _unnumbered(application, kind, today, clerk)
    if issued.pdf is None:   # first print (or a row numbered before the register existed)
        _keep(issued, _produce(application, issued, clerk))
    db.session.commit()
    return Printed(issued.pdf, issued)


def kept_document(application: Application, kind: str, *, today: date, clerk: str = "") -> Printed | None:
    """What a GET may serve: an unnumbered kind rendered fresh (it records nothing), or the kept file
    of a document issued before; None when ``kind`` has not been issued yet. Writes nothing."""
    if kind in UNNUMBERED:
        return _unnumbered(application, kind, today, clerk)
    row = already_issued(application, kind)
    return Printed(row.pdf, row) if row is not None and row.pdf is not None else None


def servable(application: Application, kind: str) -> bool:
    """Whether a GET can serve ``kind`` now (else the page offers the button that issues it)."""
    if kind in UNNUMBERED:
        return True
    row = already_issued(application, kind)
    return row is not None and row.pdf is not None


def _unnumbered(application: Application, kind: str, today: date, clerk: str) -> Printed:
    pdf = render_document(kind, application.item_version.definition, document_result(application),
                          _context(application, kind, None, clerk, today), _theme()).pdf
    return Printed(pdf, None)


def correct(old: IssuedDocument, *, today: date, user_id: int | None, clerk: str = "") -> IssuedDocument:
    """Issue a corrected document in place of ``old``: a new number, rendered from the application's
    data now, naming ``old``; ``old`` keeps its number and bytes and shows as replaced. Commits."""
    application = old.application
    db.session.execute(db.select(Application.id).where(Application.id == application.id).with_for_update())
    new = numbered(application, old.kind, event_id=None, today=today, user_id=user_id)
    new.corrects_id = old.id
    old.replaced_by_id = new.id
    db.session.flush()
    new.event_id = old.event_id   # now the current document of that decision
    _keep(new, _produce(application, new, clerk))
    db.session.commit()
    return new


def _theme():
    return load_theme(current_app.config.get("YIWANG_THEME", "default"))


def _context(application: Application, kind: str, issued: IssuedDocument | None, clerk: str, today: date):
    return DocumentContext(number=issued.number if issued else "",
                           issued_on=issued.issued_on if issued else today.isoformat(),
                           application_number=application.number or "", case_number=application.case_number or "",
                           applicant=application.applicant or {}, clerk=clerk, reasons=reasons(application, kind),
                           calendar=work_calendar.calendar(), received_at=received_at(application),
                           channel=application.channel)


def _produce(application: Application, issued: IssuedDocument, clerk: str) -> bytes:
    issued.verify_code = issued.verify_code or new_code()
    key = active_key(application.department_id)
    theme = _theme()
    rendered = render_document(issued.kind, application.item_version.definition, document_result(application),
                               _context(application, issued.kind, issued, clerk, date.fromisoformat(issued.issued_on)),
                               theme, pdfa=True,
                               verification=Verification(issued.verify_code,
                                                         verification_url(public_base_url(), issued.verify_code),
                                                         signed=key is not None and theme.seal is not None))
    if key is None:   # no key imported for the department: the register still proves the file
        issued.signing_key_id = None
        return rendered.pdf
    issued.signing_key_id = key.id
    return document_signer(current_app.config)(rendered.pdf, key_material(key), rendered.seal, theme.seal)


def _keep(issued: IssuedDocument, pdf: bytes) -> None:
    issued.pdf, issued.size, issued.sha256 = pdf, len(pdf), hashlib.sha256(pdf).hexdigest()
    db.session.flush()
