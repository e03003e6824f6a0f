"""Citizen applications (申请/办件), their status history and uploaded material files."""
from flask_appbuilder import Model
from sqlalchemy import JSON, Column, DateTime, ForeignKey, Index, Integer, String, UniqueConstraint, literal_column
from sqlalchemy.orm import relationship

from .timestamps import utcnow

STATUSES = ("draft", "submitted", "reviewed", "needs_correction", "accepted", "rejected", "completed", "withdrawn", "voided")


class Application(Model):
    __tablename__ = "application"
    __table_args__ = (UniqueConstraint("number", name="uq_application_number"),
                      UniqueConstraint("case_number", name="uq_application_case_number"),
                      # the clerk queue: a department's cases newest first, paged by (updated_at, id)
                      Index("ix_application_queue", "department_id", "updated_at", "id"),
                      Index("ix_application_recent", "updated_at", "id"),   # … and the system administrator's
                      # overdue and due-soon views (runtime/casework/deadline_columns.py), scoped and province-wide
                      Index("ix_application_due", "department_id", "due_on"),
                      Index("ix_application_warn", "department_id", "warn_on"),
                      Index("ix_application_due_on", "due_on"),
                      Index("ix_application_warn_on", "warn_on"),
                      # number, case number and name search: trigrams on PostgreSQL (a plain index on SQLite)
                      Index("ix_application_search", "number", "case_number", "applicant_name",
                            postgresql_using="gin", postgresql_ops={"number": "gin_trgm_ops",
                                                                    "case_number": "gin_trgm_ops",
                                                                    "applicant_name": "gin_trgm_ops"}))

    id = Column(Integer, primary_key=True)
    number = Column(String(32))                              # 申请编号, given on submission
    item_version_id = Column(Integer, ForeignKey("item_version.id"), nullable=False, index=True)
    department_id = Column(Integer, ForeignKey("department.id"), nullable=False, index=True)
    applicant = Column(JSON, nullable=False, default=dict)  # name, id_type, id_number, mobile, credit_code …
    applicant_user_id = Column(Integer, ForeignKey("ab_user.id"))
    answers = Column(JSON, nullable=False, default=dict)
    materials = Column(JSON, nullable=False, default=dict)
    prereview = Column(JSON)                                 # the last pre-review result (to_dict)
    status = Column(String(20), nullable=False, default="draft", index=True)
    channel = Column(String(10), nullable=False, default="online")
    resume_token_hash = Column(String(64), index=True)       # sha256 of the secret resume link token
    created_at = Column(DateTime, default=utcnow, nullable=False)
    updated_at = Column(DateTime, default=utcnow, onupdate=utcnow, nullable=False)
    # Raised by every UPDATE of the row (ORM or Core): the review page's submit form carries it, so a
    # submission is claimed only from a page that shows the application as it stands (see claim_for_submit).
    revision = Column(Integer, nullable=False, default=0, server_default="0",
                      onupdate=literal_column("revision + 1"))
    submitted_at = Column(DateTime)
    case_number = Column(String(64))                         # 受理编号, given on acceptance (unique: see table args)
    accepted_on = Column(String(10))                         # ISO dates (working-day arithmetic is by day)
    promised_date = Column(String(10))
    legal_date = Column(String(10))
    tolerated_until = Column(String(10))                     # 容缺受理: supplement deadline
    supplemented_on = Column(String(10))                     # 容缺受理: when the missing materials arrived
    decision_note = Column(String(2000))                     # reasons (退回/不予受理/作废) or the result (办结)
    fee_due_fen = Column(Integer)                            # fixed at acceptance from the pre-review
    fee_paid_fen = Column(Integer)
    paid_on = Column(String(10))
    pauses = Column(JSON)            # [{"start", "end" (null while running), "reason"}]: 特别程序, art. 45
    extension_days = Column(Integer)                         # art. 42: legal limit extended (working days)
    extension_reason = Column(String(500))
    handled_by_id = Column(Integer, ForeignKey("ab_user.id", name="fk_application_handled_by"))
    decision = Column(String(10))                            # 办结: "granted" | "refused" (决定书)
    # Kept current on every flush from the columns above, so lists filter and sort in SQL:
    applicant_name = Column(String(200))                     # applicant["name"] (runtime/casework/queue.py)
    received_on = Column(String(10))                         # local date of the first submission (rollups)
    due_on = Column(String(10))          # the earliest deadline of an open case (runtime/casework/deadline_columns.py)
    warn_on = Column(String(10))         # the day its deadline signal turns yellow

    item_version = relationship("ItemVersion")
    department = relationship("Department")
    events = relationship("ApplicationEvent", back_populates="application", order_by="ApplicationEvent.id")
    files = relationship("ApplicationFile", back_populates="application", order_by="ApplicationFile.id")


class ApplicationEvent(Model):
    """One status change: the history a clerk and the applicant see."""
    __tablename__ = "application_event"

    id = Column(Integer, primary_key=True)
    application_id = Column(Integer, ForeignKey("application.id", ondelete="CASCADE"), nullable=False, index=True)
    status_from = Column(String(20))
    status_to = Column(String(20), nullable=False)
    actor_id = Column(Integer, ForeignKey("ab_user.id"))
    note = Column(String(1000))
    # Automatic pre-review at this step: {"outcome", "missing": [material ids missing or invalid]} — kept per
    # submission because a resubmission replaces Application.prereview (statistics count every attempt).
    review = Column(JSON)
    at = Column(DateTime, default=utcnow, nullable=False)

    application = relationship("Application", back_populates="events")


class ApplicationFile(Model):
    """A file uploaded for one material of one application."""
    __tablename__ = "application_file"

    id = Column(Integer, primary_key=True)
    application_id = Column(Integer, ForeignKey("application.id", ondelete="CASCADE"), nullable=False, index=True)
    material_id = Column(String(64), nullable=False)
    stored_file_id = Column(Integer, ForeignKey("stored_file.id"), nullable=False, index=True)  # files sweep's look-up
    original_name = Column(String(255), nullable=False)
    uploaded_at = Column(DateTime, default=utcnow, nullable=False)

    application = relationship("Application", back_populates="files")
    stored_file = relationship("StoredFile")
