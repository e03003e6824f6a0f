"""Uploaded exchange bundles wait in ``bundles/`` under the file store between the import report and
the apply step (or while an import job runs). They hold another county's definitions and files, so
they do not stay forever: after ``YIWANG_BUNDLE_RETENTION_HOURS`` (default 24) a bundle counts as
expired — the apply step refuses it and ``flask files sweep`` removes it. Uploading the same bundle
again renews it (FileStore.put touches the file)."""
from __future__ import annotations

import time
from pathlib import Path

from flask import current_app

from runtime.storage import FileStore

DEFAULT_HOURS = 24


def bundle_store() -> FileStore:
    return FileStore(Path(current_app.config["YIWANG_STORAGE_DIR"]) / "bundles")


def retention_seconds() -> float:
    return float(current_app.config.get("YIWANG_BUNDLE_RETENTION_HOURS", DEFAULT_HOURS)) * 3600


def is_current(store: FileStore, sha256: str) -> bool:
    """Stored and younger than the retention period."""
    modified = store.modified(sha256)
    return modified is not None and modified >= time.time() - retention_seconds()


def sweep_bundles(store: FileStore, dry_run: bool = False) -> list[tuple[Path, int]]:
    """Remove (or only list) the bundles older than the retention period: (path, size) of each."""
    since = time.time() - retention_seconds()
    gone = []
    for sha, path in store.blobs():
        try:
            stat = path.stat()
        except FileNotFoundError:
            continue
        if stat.st_mtime < since and (dry_run or store.remove_unused(sha, since)):
            gone.append((path, stat.st_size))
    return gone
