"""Metadata of a stored file; the bytes live in the content-addressed store (runtime/storage.py)."""
from flask_appbuilder import Model
from sqlalchemy import Column, DateTime, Integer, String, UniqueConstraint

from .timestamps import utcnow


class StoredFile(Model):
    __tablename__ = "stored_file"
    __table_args__ = (UniqueConstraint("sha256", name="uq_stored_file_sha256"),)

    id = Column(Integer, primary_key=True)
    sha256 = Column(String(64), nullable=False)
    size = Column(Integer, nullable=False)
    format = Column(String(10), nullable=False)       # detected from the content: pdf, jpg, png, ofd, docx, xlsx
    media_type = Column(String(100), nullable=False)
    created_at = Column(DateTime, default=utcnow, nullable=False)
