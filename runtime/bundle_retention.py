"""Uploaded exchange bundles wait in ``bundles/`` under the file store between the import report and
the apply step (or while an import job runs). They hold another county's definitions and files, so
they do not stay forever: after ``YIWANG_BUNDLE_RETENTION_HOURS`` (default 24) a bundle counts as
expired — the apply step refuses it and ``flask files sweep`` removes it. Uploading the same bundle
again renews it (FileStore.put touches the file)."""
from __future__ import annotations

import time

from flask import current_app

from runtime.file_store_setting import open_store

DEFAULT_HOURS = 24


def bundle_store():
    return open_store("bundles")


def retention_seconds() -> float:
    return float(current_app.config.get("YIWANG_BUNDLE_RETENTION_HOURS", DEFAULT_HOURS)) * 3600


def is_current(store, sha256: str) -> bool:
    """Stored and younger than the retention period."""
    modified = store.modified(sha256)
    return modified is not None and modified >= time.time() - retention_seconds()


def sweep_bundles(store, dry_run: bool = False) -> list:
    """Remove (or only list) the bundles older than the retention period: (where, size) of each."""
    since = time.time() - retention_seconds()
    return [(where, size) for sha, where, size, modified in store.stored()
            if modified < since and (dry_run or store.remove_unused(sha, since))]
