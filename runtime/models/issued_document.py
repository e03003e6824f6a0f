"""Issued documents (已出具文书): the 文书编号 and date a notice got when it was first printed for one
decision, and — since signing — the exact signed PDF, its SHA-256 and the verification code printed
on it. The bytes never change: a reprint is the same file; a correction is a new row (new number)
that names the row it corrects."""
from flask_appbuilder import Model
from sqlalchemy import Column, DateTime, ForeignKey, Index, Integer, LargeBinary, String, text
from sqlalchemy.orm import deferred, relationship

from .timestamps import utcnow


class IssuedDocument(Model):
    __tablename__ = "issued_document"
    # One current number per application, kind and decision (the status event the document answers): a
    # second 退回补正 after a new submission is a new notice with a new number, a reprint is not; a
    # corrected document replaces the current one (the old row keeps its number and bytes).
    __table_args__ = (Index("uq_issued_document_current", "application_id", "kind", "event_id", unique=True,
                            sqlite_where=text("replaced_by_id IS NULL"),
                            postgresql_where=text("replaced_by_id IS NULL")),)
    __audited__ = "文书"

    id = Column(Integer, primary_key=True)
    application_id = Column(Integer, ForeignKey("application.id", ondelete="CASCADE"), nullable=False, index=True)
    kind = Column(String(32), nullable=False)
    event_id = Column(Integer, ForeignKey("application_event.id", ondelete="SET NULL"))
    number = Column(String(100), nullable=False)
    issued_on = Column(String(10), nullable=False)           # ISO date printed on the document
    issued_by_id = Column(Integer, ForeignKey("ab_user.id"))  # NULL: issued by the system (the citizen printed it)
    created_at = Column(DateTime, default=utcnow, nullable=False)
    # The register (runtime/documents/register.py): NULL only for rows issued before signing existed,
    # until their next print stores them.
    verify_code = Column(String(16), unique=True)            # printed as XXXX-XXXX-XXXX; /zwfw/verify/<code>
    sha256 = Column(String(64), index=True)
    size = Column(Integer)
    pdf = deferred(Column(LargeBinary))
    signing_key_id = Column(Integer, ForeignKey("signing_key.id", ondelete="SET NULL"))  # NULL: unsigned
    corrects_id = Column(Integer, ForeignKey("issued_document.id", ondelete="SET NULL"))
    replaced_by_id = Column(Integer, ForeignKey("issued_document.id", ondelete="SET NULL"))

    application = relationship("Application")
    signing_key = relationship("SigningKey")
    corrects = relationship("IssuedDocument", foreign_keys=[corrects_id], remote_side=[id])
    replaced_by = relationship("IssuedDocument", foreign_keys=[replaced_by_id], remote_side=[id])
