"""Which file store holds the bytes, by the ``YIWANG_FILE_STORE`` setting: ``local`` (the default: a folder,
``YIWANG_STORAGE_DIR``, on this server's disk — right for one server) or ``postgresql`` (the database, which
every app server reaches: runtime/db_file_store.py). Two stores live side by side in either: ``files``
(uploads and attachments, content-addressed) and ``bundles`` (uploaded exchange bundles awaiting import)."""
from __future__ import annotations

from pathlib import Path

from flask import current_app

CHOICES = ("local", "postgresql")


def open_store(name: str):
    """The store ``name`` ("files" or "bundles") of the configured kind."""
    if current_app.config.get("YIWANG_FILE_STORE", "local") == "postgresql":
        from runtime.db_file_store import DatabaseFileStore
        from runtime.extensions import db
        return DatabaseFileStore(db.engine, name)
    from runtime.storage import FileStore
    root = Path(current_app.config["YIWANG_STORAGE_DIR"])
    return FileStore(root if name == "files" else root / name)


def check(config: dict) -> None:
    """Refuse to start with a setting that cannot work, rather than fail on the first upload."""
    kind = config.get("YIWANG_FILE_STORE", "local")
    if kind not in CHOICES:
        raise ValueError(f"YIWANG_FILE_STORE 应为 {' 或 '.join(CHOICES)},当前为 {kind!r}")
    if kind == "postgresql" and not str(config["SQLALCHEMY_DATABASE_URI"]).startswith("postgresql"):
        raise ValueError("YIWANG_FILE_STORE=postgresql 需要 PostgreSQL 数据库(DATABASE_URL);"
                         "单机部署请使用默认的 local")
