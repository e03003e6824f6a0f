"""Persistence models (SQLAlchemy, on Flask-AppBuilder's declarative base so they share metadata with
the security tables). Import from here: ``from runtime.models import Item``."""
from .application import Application, ApplicationEvent, ApplicationFile
from .audit_event import AuditEvent
from .calendar_year import CalendarYear
from .case_rollup import CaseRollup, CaseRollupMonth
from .change_counter import ChangeCounter
from .consultation import Consultation
from .department import Department, department_member
from .issued_document import IssuedDocument
from .item import Item, ItemDraft, ItemVersion
from .number_sequence import NumberSequence
from .stored_file import StoredFile

__all__ = ["Application", "ApplicationEvent", "ApplicationFile", "AuditEvent", "CalendarYear", "CaseRollup", "CaseRollupMonth", "ChangeCounter", "Consultation", "Department", "department_member",
           "IssuedDocument", "Item", "ItemDraft", "ItemVersion", "NumberSequence", "StoredFile"]
