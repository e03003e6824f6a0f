"""Detect a file's format from its content (magic bytes), never from its name or the browser's claim."""
from __future__ import annotations

import io
import zipfile

MEDIA_TYPES = {
    "pdf": "application/pdf",
    "jpg": "image/jpeg",
    "png": "image/png",
    "ofd": "application/ofd",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
ZIP_MAGIC = b"PK\x03\x04"


def _zip_format(data: bytes) -> str | None:
    """OFD, DOCX and XLSX are all ZIP packages; tell them apart by their required members."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, ValueError, OSError):
        return None
    if "OFD.xml" in names:
        return "ofd"
    if "[Content_Types].xml" in names:
        if any(n.startswith("word/") for n in names):
            return "docx"
        if any(n.startswith("xl/") for n in names):
            return "xlsx"
    return None


def detect_format(data: bytes) -> str | None:
    """One of MEDIA_TYPES' keys, or None when the content is not an accepted format."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(ZIP_MAGIC):
        return _zip_format(data)
    return None
