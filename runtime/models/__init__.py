"""Persistence models (SQLAlchemy, on Flask-AppBuilder's declarative base so they share metadata with
the security tables). Import from here: ``from runtime.models import Item``."""
from .application import Application, ApplicationEvent, ApplicationFile
from .audit_event import AuditEvent
from .calendar_year import CalendarYear
from .case_rollup import CaseRollup, CaseRollupMonth
from .case_stage import CaseStage
from .change_counter import ChangeCounter
from .consultation import Consultation
from .definition_file_ref import DefinitionFileRef
from .department import Department, department_member
from .file_blob import FileBlob, FileBlobChunk
from .issued_document import IssuedDocument
from .item import Item, ItemDraft, ItemVersion
from .number_sequence import NumberSequence
from .signing_key import SigningKey
from .stored_file import StoredFile
from .user_session import UserSession

__all__ = ["Application", "ApplicationEvent", "ApplicationFile", "AuditEvent", "CalendarYear", "CaseRollup", "CaseRollupMonth", "CaseStage", "ChangeCounter", "Consultation", "DefinitionFileRef", "Department", "department_member", "FileBlob", "FileBlobChunk",
           "IssuedDocument", "Item", "ItemDraft", "ItemVersion", "NumberSequence", "SigningKey", "StoredFile", "UserSession"]
