"""Stored files: content-addressed, atomic, deduplicated, typed by content."""
import io
import os
import time
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


def aged(store, sha, hours):
    then = time.time() - hours * 3600
    os.utime(store.path_for(sha), (then, then))


def test_a_file_put_again_is_not_removed_as_unused(tmp_path):
    store = FileStore(tmp_path)
    sha = store.put(PDF).sha256
    aged(store, sha, 2)
    store.put(PDF)   # the same bytes stored again (an upload in flight): the file's time is renewed
    assert not store.remove_unused(sha, since=time.time() - 3600) and store.read(sha) == PDF
    aged(store, sha, 2)
    assert store.remove_unused(sha, since=time.time() - 3600) and not store.exists(sha)
    assert not store.remove_unused(sha, since=time.time() - 3600)   # already gone
    assert [p.name for p in tmp_path.rglob("*") if p.is_file()] == []   # nothing left aside


def test_a_file_a_killed_sweep_moved_aside_is_put_back(tmp_path):
    store = FileStore(tmp_path)
    sha = store.put(PDF).sha256
    path = store.path_for(sha)
    os.rename(path, path.with_name(".sweep-" + sha))   # killed between the move and its decision
    assert not store.exists(sha) and list(store.blobs()) == []
    assert store.recover() == 1 and store.read(sha) == PDF and list(store.blobs()) == [(sha, path)]
