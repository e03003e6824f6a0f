"""The file store in PostgreSQL (YIWANG_FILE_STORE=postgresql): the local store's contract — content
addressed, put renews, remove_unused only what nothing touched since — and the sweep, bundle retention
and file serving working through it. PostgreSQL only: on SQLite the setting is refused at start."""
from __future__ import annotations

import hashlib
import time
from datetime import timedelta

import pytest
from sqlalchemy import func, select, update

from runtime import db_file_store, file_store_setting
from runtime.extensions import db
from runtime.file_sweep import sweep
from runtime.models import FileBlob, FileBlobChunk, StoredFile
from runtime.models.timestamps import utcnow
from tests.conftest import DB_KIND
from tests.web.test_file_sweep import killed_upload, pdf, stored_rows, used_files

HOUR = 3600
needs_postgresql = pytest.mark.skipif(DB_KIND != "postgresql", reason="the shared file store is PostgreSQL's")


@pytest.fixture
def store(app, tmp_path):
    """The app switched to the database store, with an empty local folder that must stay empty."""
    before = dict(app.config)
    app.config.update(YIWANG_FILE_STORE="postgresql", YIWANG_STORAGE_DIR=str(tmp_path / "files"))
    with app.app_context():
        from runtime.stored_files import file_store
        yield file_store()
    app.config.update(YIWANG_FILE_STORE=before["YIWANG_FILE_STORE"], YIWANG_STORAGE_DIR=before["YIWANG_STORAGE_DIR"])
    assert not (tmp_path / "files").exists()   # nothing went to this server's disk


def age(hours: float) -> None:
    """Make every blob and file row ``hours`` old."""
    db.session.execute(update(FileBlob).values(modified=time.time() - hours * HOUR))
    db.session.execute(update(StoredFile).values(created_at=utcnow() - timedelta(hours=hours)))
    db.session.commit()


def test_the_setting_is_checked_at_start():
    with pytest.raises(ValueError, match="YIWANG_FILE_STORE 应为 local 或 postgresql"):
        file_store_setting.check({"YIWANG_FILE_STORE": "s3", "SQLALCHEMY_DATABASE_URI": "postgresql+psycopg://x"})
    with pytest.raises(ValueError, match="需要 PostgreSQL 数据库"):
        file_store_setting.check({"YIWANG_FILE_STORE": "postgresql", "SQLALCHEMY_DATABASE_URI": "sqlite:///x.db"})
    file_store_setting.check({"YIWANG_FILE_STORE": "local", "SQLALCHEMY_DATABASE_URI": "sqlite:///x.db"})


@needs_postgresql
def test_bytes_in_chunks_stored_once_and_read_back(store, monkeypatch):
    monkeypatch.setattr(db_file_store, "CHUNK", 1000)
    data = bytes(range(256)) * 10   # 2,560 bytes: three chunks, the last one short
    sha = hashlib.sha256(data).hexdigest()
    assert not store.exists(sha) and store.size(sha) is None and store.modified(sha) is None
    assert store.put(data).sha256 == sha and store.put(data).size == len(data)   # the second put only renews
    assert store.read(sha) == data and store.size(sha) == len(data)
    assert db.session.scalar(select(func.count()).select_from(FileBlob)) == 1
    assert sorted(len(c) for c in db.session.scalars(select(FileBlobChunk.data))) == [560, 1000, 1000]
    with store.local_copy(sha) as path:
        assert open(path, "rb").read() == data
    assert [(s, where.name, size) for s, where, size, _ in store.stored()] == [(sha, sha, len(data))]
    with pytest.raises(FileNotFoundError):
        store.read("0" * 64)
    with pytest.raises(ValueError):
        store.read("../../etc/passwd")


@needs_postgresql
def test_concurrent_uploads_of_the_same_bytes_store_them_once(store, monkeypatch):
    """Four servers receive the same new file at once: one blob, its chunks written once."""
    from concurrent.futures import ThreadPoolExecutor
    monkeypatch.setattr(db_file_store, "CHUNK", 1000)
    data = pdf("at once") * 200
    stores = [db_file_store.DatabaseFileStore(store.engine, "files") for _ in range(4)]
    with ThreadPoolExecutor(4) as pool:
        shas = set(pool.map(lambda s: s.put(data).sha256, stores))
    assert shas == {hashlib.sha256(data).hexdigest()}
    assert db.session.scalar(select(func.count()).select_from(FileBlob)) == 1
    assert db.session.scalar(select(func.count()).select_from(FileBlobChunk)) == -(-len(data) // 1000)
    assert store.read(shas.pop()) == data


@needs_postgresql
def test_remove_unused_spares_what_a_put_touched(store):
    sha = store.put(pdf("once")).sha256
    assert not store.remove_unused(sha, since=time.time() - HOUR)      # written just now
    age(2)
    store.put(pdf("once"))                                               # uploaded again: renewed
    assert not store.remove_unused(sha, since=time.time() - HOUR) and store.read(sha) == pdf("once")
    age(2)
    assert store.remove_unused(sha, since=time.time() - HOUR) and not store.exists(sha)
    assert db.session.scalar(select(func.count()).select_from(FileBlobChunk)) == 0   # chunks go with the blob
    assert not store.remove_unused(sha, since=time.time() - HOUR)      # already gone


@needs_postgresql
def test_the_sweep_works_on_the_database_store(store):
    orphan = killed_upload(pdf("killed"))
    unsaved = save_file_committed(pdf("uploaded for a draft never saved"))
    used = used_files(store)
    assert store.exists(orphan)
    assert sweep(store, timedelta(hours=24)).bytes_freed == 0   # all of it just happened
    age(25)
    report = sweep(store, timedelta(hours=24))
    assert [sha for sha, _ in report.rows] == [unsaved]
    assert sorted(where.name for where, _ in report.files) == sorted([orphan, unsaved])
    assert not store.exists(orphan) and not store.exists(unsaved)
    assert stored_rows() == set(used.values())
    for label, sha in used.items():
        assert store.read(sha) == pdf(label), label


@needs_postgresql
def test_bundles_are_a_store_of_their_own_with_retention(store, app):
    from runtime.bundle_retention import bundle_store, is_current, sweep_bundles
    bundles = bundle_store()
    sha = bundles.put(b"PK\x03\x04 a bundle").sha256
    assert bundles.exists(sha) and not store.exists(sha) and is_current(bundles, sha)
    assert sweep(store, timedelta(hours=1)).files == []   # the file sweep leaves bundles alone
    db.session.execute(update(FileBlob).where(FileBlob.store == "bundles")
                       .values(modified=time.time() - (app.config["YIWANG_BUNDLE_RETENTION_HOURS"] + 1) * HOUR))
    db.session.commit()
    assert not is_current(bundles, sha)
    assert [where.name for where, _ in sweep_bundles(bundles, dry_run=True)] == [sha] and bundles.exists(sha)
    assert [where.name for where, _ in sweep_bundles(bundles)] == [sha] and not bundles.exists(sha)


@needs_postgresql
def test_the_command_reports_database_files(store, app):
    killed_upload(pdf("killed"))
    age(30)
    dry = app.test_cli_runner().invoke(args=["files", "sweep", "--dry-run"])
    assert dry.exit_code == 0 and "postgresql:files/" in dry.output and "无引用的文件 1 个" in dry.output
    done = app.test_cli_runner().invoke(args=["files", "sweep"])
    assert done.exit_code == 0 and "无引用的文件 1 个" in done.output


def save_file_committed(data: bytes) -> str:
    from runtime.stored_files import save_file
    sha = save_file(data).sha256
    db.session.commit()
    return sha


def test_bytes_missing_from_the_store_are_a_404_not_a_500(app, client, tmp_path):
    """A file row whose bytes are not in this server's store (several servers without the shared store)."""
    import json

    from builder.item_store import publish
    from runtime.stored_files import file_store, save_file
    from tests.security.conftest import EXAMPLE, PDF
    before = app.config["YIWANG_STORAGE_DIR"]
    app.config["YIWANG_STORAGE_DIR"] = str(tmp_path / "files")
    try:
        with app.app_context():
            sha = save_file(PDF).sha256
            doc = json.loads(EXAMPLE.read_text("utf-8"))
            doc["guide"]["downloads"][0]["file"] = {"name": "申请书.pdf", "sha256": sha}
            item_id = publish(doc).item.id
            db.session.commit()
            assert client.get(f"/zwfw/items/{item_id}/files/{sha}").status_code == 200
            file_store().path_for(sha).unlink()
        assert client.get(f"/zwfw/items/{item_id}/files/{sha}").status_code == 404
    finally:
        app.config["YIWANG_STORAGE_DIR"] = before


@needs_postgresql
def test_files_of_the_local_folder_are_copied_into_postgresql(app, tmp_path):
    """Switching an instance to the shared store: its existing files and bundles come along, once."""
    from runtime.bundle_retention import bundle_store
    from runtime.stored_files import file_store
    before = dict(app.config)
    app.config["YIWANG_STORAGE_DIR"] = str(tmp_path / "files")
    try:
        with app.app_context():
            form, bundle = file_store().put(pdf("form")).sha256, bundle_store().put(b"PK\x03\x04 a bundle").sha256
            runner = app.test_cli_runner()
            for _ in range(2):   # a second run only renews
                done = runner.invoke(args=["files", "copy-to-postgresql"])
                assert done.exit_code == 0 and "已将 1 个已存储文件" in done.output and "1 个已上传的交换包" in done.output
            app.config["YIWANG_FILE_STORE"] = "postgresql"
            assert file_store().read(form) == pdf("form") and bundle_store().read(bundle) == b"PK\x03\x04 a bundle"
            assert db.session.scalar(select(func.count()).select_from(FileBlob)) == 2
    finally:
        app.config.update(YIWANG_FILE_STORE=before["YIWANG_FILE_STORE"], YIWANG_STORAGE_DIR=before["YIWANG_STORAGE_DIR"])


def test_copying_into_postgresql_needs_postgresql(app):
    if DB_KIND == "postgresql":
        pytest.skip("the refusal is for an SQLite instance")
    done = app.test_cli_runner().invoke(args=["files", "copy-to-postgresql"])
    assert done.exit_code == 1 and "需要 PostgreSQL 数据库" in done.output
