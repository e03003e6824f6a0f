"""``flask files sweep``: what a killed upload leaves behind goes once it is older than the grace
period, never before; files an application or any item definition uses are never swept."""
from __future__ import annotations

import copy
import json
import os
import time
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select, update

from builder.drafts import open_draft
from builder.item_store import publish
from runtime.extensions import db
from runtime.file_sweep import sweep
from runtime.models import Application, ApplicationFile, AuditEvent, StoredFile
from runtime.models.timestamps import utcnow
from runtime.stored_files import file_store, save_file

EXAMPLE = Path(__file__).resolve().parents[2] / "item_defs" / "individual-business-registration.json"
HOUR = 3600


def pdf(label: str) -> bytes:
    return f"%PDF-1.4\n% {label}\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF".encode()


@pytest.fixture
def store(app, tmp_path):
    """A file store of the test's own (the session's store is shared by every test)."""
    before = app.config["YIWANG_STORAGE_DIR"]
    app.config["YIWANG_STORAGE_DIR"] = str(tmp_path / "files")
    with app.app_context():
        yield file_store()
    app.config["YIWANG_STORAGE_DIR"] = before


def killed_upload(data: bytes) -> str:
    """The upload's file is written and its row flushed, then the process dies: nothing commits."""
    row = save_file(data)
    sha = row.sha256
    db.session.rollback()
    return sha


def age(store, hours: float) -> None:
    """Make everything in the store and every file row ``hours`` old."""
    then = time.time() - hours * HOUR
    for path in store.root.rglob("*"):
        if path.is_file():
            os.utime(path, (then, then))
    db.session.execute(update(StoredFile).values(created_at=utcnow() - timedelta(hours=hours)))
    db.session.commit()


def leftover(store) -> Path:
    """The temporary file of a write killed before its rename."""
    folder = store.root / "ab" / "cd"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / ".upload-k1ll3d"
    path.write_bytes(b"%PDF-1.4 half")
    return path


def used_files(store) -> dict[str, str]:
    """Files an application and every kind of stored definition use; returns label -> sha256."""
    shas = {label: save_file(pdf(label)).sha256 for label in ("material", "version", "draft", "base", "pending")}
    doc = json.loads(EXAMPLE.read_text("utf-8"))
    doc["materials"][0]["blank_form"] = {"name": "申请书.pdf", "sha256": shas["version"]}
    version = publish(doc).version
    item = version.item
    draft_doc = copy.deepcopy(doc)
    draft_doc["materials"][0]["sample"] = {"name": "样表.pdf", "sha256": shas["draft"]}
    open_draft(item).definition = draft_doc
    open_draft(item).pending_base = {"code": "X", "version": 2,  # a base update waiting in the draft
                                     "definition": {"guide": {"flow_chart": {"name": "新流程图.pdf", "sha256": shas["pending"]}}}}
    item.base_definition = {"guide": {"flow_chart": {"name": "流程图.pdf", "sha256": shas["base"]}}}
    application = Application(item_version_id=version.id, department_id=item.department_id, applicant={},
                              answers={}, materials={}, status="draft")
    db.session.add(application)
    db.session.flush()
    material = db.session.scalar(select(StoredFile).where(StoredFile.sha256 == shas["material"]))
    db.session.add(ApplicationFile(application_id=application.id, material_id="application_form",
                                   stored_file_id=material.id, original_name="scan.pdf"))
    db.session.commit()
    return shas


def stored_rows() -> set[str]:
    return set(db.session.scalars(select(StoredFile.sha256)))


def test_a_killed_upload_is_swept_after_the_grace_period_and_not_before(store):
    orphan = killed_upload(pdf("killed"))
    temp = leftover(store)
    unsaved = save_file(pdf("uploaded for a draft never saved")).sha256
    db.session.commit()
    used = used_files(store)
    assert store.exists(orphan) and not {orphan} & stored_rows()

    report = sweep(store, timedelta(hours=24))   # all of it just happened
    assert (report.rows, report.files, report.leftovers) == ([], [], [])
    age(store, 23)
    assert sweep(store, timedelta(hours=24)).bytes_freed == 0
    assert store.exists(orphan) and temp.exists() and unsaved in stored_rows()

    age(store, 25)
    report = sweep(store, timedelta(hours=24))
    assert [sha for sha, _ in report.rows] == [unsaved]
    assert sorted(path.name for path, _ in report.files) == sorted([orphan, unsaved])
    assert [path for path, _ in report.leftovers] == [temp]
    assert not store.exists(orphan) and not store.exists(unsaved) and not temp.exists()
    assert stored_rows() == set(used.values())
    for label, sha in used.items():
        assert store.read(sha) == pdf(label), label
    audit = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "sweep"))
    assert audit.username == "命令行" and audit.before["files"][0]["sha256"] == unsaved

    again = sweep(store, timedelta(hours=24))   # nothing left to do
    assert (again.rows, again.files, again.leftovers) == ([], [], [])


def test_the_same_bytes_uploaded_again_keep_an_old_unused_file(store):
    """An admin uploads a blank form whose bytes an old abandoned upload had left: the row is reused and
    the draft that will carry it is saved later; the upload renewed the file's time, so it stays."""
    old = save_file(pdf("abandoned long ago")).sha256
    orphan = killed_upload(pdf("killed long ago"))
    db.session.commit()
    age(store, 48)
    assert save_file(pdf("abandoned long ago")).sha256 == old and store.put(pdf("killed long ago")).sha256 == orphan
    db.session.commit()
    report = sweep(store, timedelta(hours=24))
    assert (report.rows, report.files) == ([], [])
    assert old in stored_rows() and store.exists(old) and store.exists(orphan)


def test_dry_run_lists_and_removes_nothing(store):
    orphan = killed_upload(pdf("killed"))
    unsaved = save_file(pdf("never saved")).sha256
    db.session.commit()
    age(store, 25)
    report = sweep(store, timedelta(hours=24), dry_run=True)
    assert [sha for sha, _ in report.rows] == [unsaved]
    assert sorted(path.name for path, _ in report.files) == sorted([orphan, unsaved])
    assert store.exists(orphan) and store.exists(unsaved) and unsaved in stored_rows()


def test_other_stores_under_the_root_are_left_alone(store):
    """The exchange keeps uploaded bundles in bundles/ under the same root (builder/exchange_pages.py)."""
    from runtime.storage import FileStore
    bundles = FileStore(store.root / "bundles")
    bundle = bundles.put(b"PK\x03\x04 a bundle").sha256
    age(store, 100)
    assert sweep(store, timedelta(hours=24)).files == []
    assert bundles.exists(bundle)


def test_the_command_reports_in_chinese(app, store):
    killed_upload(pdf("killed"))
    leftover(store)
    age(store, 30)
    runner = app.test_cli_runner()
    dry = runner.invoke(args=["files", "sweep", "--dry-run"])
    assert dry.exit_code == 0, dry.output
    assert "试运行:将清理无引用的文件记录 0 条、无引用的文件 1 个、中断上传留下的临时文件 1 个" in dry.output
    assert "未删除任何内容" in dry.output and ".upload-k1ll3d" in dry.output
    kept = runner.invoke(args=["files", "sweep", "--older-than", "48"])
    assert "已清理无引用的文件记录 0 条、无引用的文件 0 个、中断上传留下的临时文件 0 个" in kept.output
    done = runner.invoke(args=["files", "sweep"])
    assert done.exit_code == 0 and "已清理无引用的文件记录 0 条、无引用的文件 1 个、中断上传留下的临时文件 1 个" in done.output
    assert "只清理早于 24 小时的内容" in done.output
    assert runner.invoke(args=["files", "sweep", "--older-than", "0"]).exit_code == 2   # no grace is refused
