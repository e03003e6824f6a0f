"""Issued documents (已出具文书): the 文书编号 and date a notice got when it was first printed for one
decision, so that a reprint shows the same number and date."""
from flask_appbuilder import Model
from sqlalchemy import Column, DateTime, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import relationship

from .timestamps import utcnow


class IssuedDocument(Model):
    __tablename__ = "issued_document"
    # One number per application, kind and decision (the status event the document answers): a second
    # 退回补正 after a new submission is a new notice with a new number, a reprint is not.
    __table_args__ = (UniqueConstraint("application_id", "kind", "event_id", name="uq_issued_document"),)
    __audited__ = "文书"

    id = Column(Integer, primary_key=True)
    application_id = Column(Integer, ForeignKey("application.id", ondelete="CASCADE"), nullable=False, index=True)
    kind = Column(String(32), nullable=False)
    event_id = Column(Integer, ForeignKey("application_event.id", ondelete="SET NULL"))
    number = Column(String(100), nullable=False)
    issued_on = Column(String(10), nullable=False)           # ISO date printed on the document
    issued_by_id = Column(Integer, ForeignKey("ab_user.id"))  # NULL: issued by the system (the citizen printed it)
    created_at = Column(DateTime, default=utcnow, nullable=False)

    application = relationship("Application")
