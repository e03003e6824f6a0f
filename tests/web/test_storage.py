"""Stored files: content-addressed, atomic, deduplicated, typed by content."""
import io
import zipfile

import pytest
from sqlalchemy import func, select

from runtime.extensions import db
from runtime.file_types import detect_format
from runtime.models import StoredFile
from runtime.storage import FileStore
from runtime.stored_files import FileRejected, file_store, save_file

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 20


def zipped(*names):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for n in names:
            z.writestr(n, "x")
    return buf.getvalue()


@pytest.mark.parametrize("data, fmt", [
    (PDF, "pdf"), (PNG, "png"), (b"\xff\xd8\xff\xe0" + b"0" * 10, "jpg"),
    (zipped("OFD.xml", "Doc_0/Document.xml"), "ofd"),
    (zipped("[Content_Types].xml", "word/document.xml"), "docx"),
    (zipped("[Content_Types].xml", "xl/workbook.xml"), "xlsx"),
    (zipped("a.txt"), None), (b"<script>alert(1)</script>", None), (b"MZ\x90\x00", None), (b"", None),
])
def test_detect_format_by_content(data, fmt):
    assert detect_format(data) == fmt


def test_store_is_content_addressed_and_path_safe(tmp_path):
    store = FileStore(tmp_path)
    blob = store.put(PDF)
    assert store.read(blob.sha256) == PDF and blob.size == len(PDF)
    assert store.path_for(blob.sha256).parent.parent.parent == tmp_path
    assert not list(tmp_path.rglob(".upload-*"))  # no temporary files left behind
    with pytest.raises(ValueError):
        store.path_for("../../etc/passwd")


def test_save_file_records_metadata_once(app):
    with app.app_context():
        first = save_file(PDF)
        second = save_file(PDF)
        db.session.commit()
        assert first.id == second.id and first.format == "pdf" and first.media_type == "application/pdf"
        assert db.session.scalar(select(func.count(StoredFile.id))) == 1
        assert file_store().read(first.sha256) == PDF


def test_disguised_or_oversized_files_are_rejected_in_chinese(app):
    with app.app_context():
        with pytest.raises(FileRejected, match="格式"):
            save_file(b"MZ\x90\x00 not really a pdf", formats=("pdf",))
        with pytest.raises(FileRejected, match="格式"):
            save_file(PNG, formats=("pdf",))
        with pytest.raises(FileRejected, match="过大"):
            save_file(PDF, max_bytes=10)
        with pytest.raises(FileRejected, match="为空"):
            save_file(b"")
