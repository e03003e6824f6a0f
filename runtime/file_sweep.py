"""Sweep the file store of what nothing uses: files a killed upload left behind, and uploads nobody
went on to keep (a builder upload never saved into a draft, a material file whose row was rolled back).

What counts as used (runtime/storage.py holds the bytes, StoredFile their metadata):
- a StoredFile row is used while an ApplicationFile points at it (an application's material; the
  application's materials JSON lists the same files, kept in step in the same transaction) or while
  any item definition carries it as a FileRef (runtime/engine/file_refs.py): every published version,
  every draft and every item's merge base. Those are read from ``definition_file_ref``, kept in step with the
  definitions on every flush (runtime/definition_refs.py): one indexed look-up per candidate row, whatever
  the number of stored versions;
- a file on disk is used while a StoredFile row has its hash.

Nothing younger than the grace period goes, judged by the row's creation time and the file's time,
which FileStore.put() renews when the same bytes are stored again: an upload in flight, or an admin
who uploaded a blank form and has not saved the draft yet, keeps its file.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import timedelta

from sqlalchemy import delete, exists, select

from runtime import audit
from runtime.extensions import db
from runtime.models import ApplicationFile, DefinitionFileRef, StoredFile
from runtime.models.timestamps import utcnow

BATCH = 500


@dataclass
class SweepReport:
    rows: list = field(default_factory=list)       # (sha256, size) of StoredFile rows removed
    files: list = field(default_factory=list)      # (path, size) of stored files removed
    leftovers: list = field(default_factory=list)  # (path, size) of temporary files of killed writes
    restored: int = 0                              # files a killed sweep had moved aside, put back

    @property
    def bytes_freed(self) -> int:
        return sum(size for _, size in self.files) + sum(size for _, size in self.leftovers)


def sweep(store, grace: timedelta, dry_run: bool = False) -> SweepReport:
    """Remove (or with ``dry_run`` only list) everything unused and older than ``grace``."""
    report = SweepReport()
    if not dry_run:
        report.restored = store.recover()
    since = time.time() - grace.total_seconds()
    rows = _unused_rows(store, utcnow() - grace, since)
    report.rows = [(sha, size) for _, sha, size in (rows if dry_run else _delete_rows(store, rows, since))]
    going = {sha for sha, _ in report.rows} if dry_run else set()   # rows a dry run left: their files would go too
    for batch in _batches((sha, where, size) for sha, where, size, modified in store.stored() if modified < since):
        known = set(db.session.scalars(select(StoredFile.sha256).where(
            StoredFile.sha256.in_([sha for sha, _, _ in batch])))) - going
        db.session.rollback()   # no transaction held open while the files are walked
        for sha, where, size in batch:
            if sha not in known and (dry_run or store.remove_unused(sha, since)):
                report.files.append((where, size))
    for where, size, modified in store.leftovers():
        if modified < since and (dry_run or store.remove_leftover(where)):
            report.leftovers.append((where, size))
    db.session.rollback()   # the reads above
    return report


def _unused_rows(store, created_before, since: float) -> list[tuple[int, str, int]]:
    unused = select(StoredFile.id, StoredFile.sha256, StoredFile.size).where(
        StoredFile.created_at < created_before, ~_attached()).order_by(StoredFile.id)
    return [tuple(r) for r in db.session.execute(unused) if not _touched(store, r[1], since)]


def _attached():
    """Used by an application's material or by any stored definition."""
    return exists().where(ApplicationFile.stored_file_id == StoredFile.id) | \
        exists().where(DefinitionFileRef.sha256 == StoredFile.sha256)


def _delete_rows(store, rows, since: float) -> list:
    """Delete the rows still unattached (an upload may have attached one since the read). Before the
    commit, each file's time is read again: an upload of the same bytes that started meanwhile found
    the row (it touched the file first, see FileStore.put), so that batch is left for the next sweep."""
    deleted = []
    for batch in _batches(rows):
        ids = [row_id for row_id, _, _ in batch]
        gone = set(db.session.scalars(delete(StoredFile).where(StoredFile.id.in_(ids), ~_attached())
                                      .returning(StoredFile.id).execution_options(synchronize_session=False)))
        mine = [r for r in batch if r[0] in gone]
        if any(_touched(store, sha, since) for _, sha, _ in mine):
            db.session.rollback()
            continue
        if mine:
            audit.record(db.session, "sweep", "StoredFile", None, f"清理无引用的文件记录 {len(mine)} 条",
                         before={"files": [{"sha256": sha, "size": size} for _, sha, size in mine]})
        db.session.commit()
        deleted.extend(mine)
    return deleted


def _touched(store, sha256: str, since: float) -> bool:
    modified = store.modified(sha256)
    return modified is not None and modified >= since


def _batches(items):
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) == BATCH:
            yield batch
            batch = []
    if batch:
        yield batch
