"""Audit log: who changed what, when, with the values before and after."""
from flask_appbuilder import Model
from sqlalchemy import JSON, Column, DateTime, Integer, String

from .timestamps import utcnow


class AuditEvent(Model):
    __tablename__ = "audit_event"

    id = Column(Integer, primary_key=True)
    at = Column(DateTime, default=utcnow, nullable=False, index=True)
    user_id = Column(Integer)                 # no foreign key: the log outlives deleted users
    username = Column(String(256))
    action = Column(String(20), nullable=False)        # create, update, delete, publish, login …
    object_type = Column(String(50), nullable=False)
    object_id = Column(String(64))
    summary = Column(String(500))
    before = Column(JSON)
    after = Column(JSON)
    remote_addr = Column(String(64))
