"""The file store in PostgreSQL (``YIWANG_FILE_STORE=postgresql``): every app server reaches the same bytes,
so a deployment of several servers shares only the database, Redis and nothing on any server's disk.

Same contract as the local store (runtime/storage.py), so uploads, serving, sweeps and bundle retention
work unchanged: content-addressed by SHA-256, ``put`` renews the time of bytes stored already, and
``remove_unused`` deletes only what no ``put`` touched since. The bytes are rows of CHUNK bytes
(``file_blob_chunk``), written and read one chunk at a time. Each call runs in a transaction of its own on
its own connection, as a disk write is independent of the request's transaction: a file is whole or
absent, never half written, and a rolled-back request leaves an unreferenced blob for the sweep."""
from __future__ import annotations

import hashlib
import os
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import PurePosixPath

from sqlalchemy import delete, func, select
from sqlalchemy.dialects.postgresql import insert

from runtime.models import FileBlob, FileBlobChunk
from runtime.storage import SHA256, StoredBlob

CHUNK = 1024 * 1024
PAGE = 1000


class DatabaseFileStore:
    def __init__(self, engine, store: str):
        self.engine, self.store = engine, store

    def _key(self, sha256: str):
        if not SHA256.match(sha256 or ""):
            raise ValueError("无效的文件摘要")
        return (FileBlob.store == self.store) & (FileBlob.sha256 == sha256)

    def where(self, sha256: str) -> PurePosixPath:
        """How reports name a stored file (its ``name`` is the hash, as for a file on disk)."""
        return PurePosixPath(f"postgresql:{self.store}/{sha256}")

    def put(self, data: bytes) -> StoredBlob:
        digest = hashlib.sha256(data).hexdigest()
        now = time.time()
        with self.engine.begin() as conn:
            # Stored already: only its time is renewed (the row lock orders this against a sweep's delete).
            blob_id = conn.execute(insert(FileBlob).values(store=self.store, sha256=digest, size=len(data),
                                                           modified=now)
                                   .on_conflict_do_update(constraint="uq_file_blob_store_sha256",
                                                          set_={"modified": now})
                                   .returning(FileBlob.id)).scalar_one()
            written = conn.scalar(select(func.count()).where(FileBlobChunk.blob_id == blob_id))
            if not written:
                view = memoryview(data)
                for n, start in enumerate(range(0, len(data), CHUNK)):
                    conn.execute(insert(FileBlobChunk).values(blob_id=blob_id, n=n,
                                                              data=bytes(view[start:start + CHUNK])))
        return StoredBlob(digest, len(data))

    def read(self, sha256: str) -> bytes:
        return b"".join(self.chunks(sha256))

    def chunks(self, sha256: str) -> Iterator[bytes]:
        """The bytes one chunk at a time; FileNotFoundError if not stored."""
        _size, parts = self.open_chunks(sha256)
        yield from parts

    def open_chunks(self, sha256: str) -> tuple[int, Iterator[bytes]]:
        """The size, and the bytes one chunk at a time, for a download streamed at the client's pace: the
        blob is looked up now (FileNotFoundError if it is not stored), each chunk when it is wanted, on a
        connection taken from the pool for that one query. So a download holds one chunk in memory however
        large the file, and a slow client holds no database connection between chunks."""
        with self.engine.connect() as conn:
            row = conn.execute(select(FileBlob.id, FileBlob.size).where(self._key(sha256))).first()
        if row is None:
            raise FileNotFoundError(str(self.where(sha256)))
        return row.size, self._parts(sha256, row.id, row.size)

    def _parts(self, sha256: str, blob_id: int, size: int) -> Iterator[bytes]:
        # Chunks are read by number until the size is reached: the chunk size they were written with
        # (CHUNK then) need not be today's.
        found, n = 0, 0
        while found < size:
            with self.engine.connect() as conn:
                part = conn.scalar(select(FileBlobChunk.data).where(FileBlobChunk.blob_id == blob_id,
                                                                    FileBlobChunk.n == n))
            if not part:   # removed by a sweep meanwhile
                raise FileNotFoundError(str(self.where(sha256)))
            found, n = found + len(part), n + 1
            yield bytes(part)
        if found != size:
            raise FileNotFoundError(str(self.where(sha256)))

    def exists(self, sha256: str) -> bool:
        return self.size(sha256) is not None

    def size(self, sha256: str) -> int | None:
        with self.engine.connect() as conn:
            return conn.scalar(select(FileBlob.size).where(self._key(sha256)))

    def modified(self, sha256: str) -> float | None:
        with self.engine.connect() as conn:
            return conn.scalar(select(FileBlob.modified).where(self._key(sha256)))

    def remove_unused(self, sha256: str, since: float) -> bool:
        """Delete the blob unless a put() touched it at or after ``since``: one conditional DELETE, which a
        concurrent put() either precedes (the row is kept) or follows (it stores the bytes afresh)."""
        with self.engine.begin() as conn:
            gone = conn.execute(delete(FileBlob).where(self._key(sha256), FileBlob.modified < since)
                                .returning(FileBlob.id)).first()   # its chunks go with it (ON DELETE CASCADE)
        return gone is not None

    def recover(self) -> int:
        return 0   # nothing is ever moved aside: a delete is one transaction

    def stored(self) -> Iterator[tuple[str, PurePosixPath, int, float]]:
        """(sha256, where, size, modified) of every blob, in pages of PAGE rows."""
        after = ""
        while True:
            with self.engine.connect() as conn:
                page = conn.execute(select(FileBlob.sha256, FileBlob.size, FileBlob.modified)
                                    .where(FileBlob.store == self.store, FileBlob.sha256 > after)
                                    .order_by(FileBlob.sha256).limit(PAGE)).all()
            for sha, size, modified in page:
                yield sha, self.where(sha), size, modified
            if len(page) < PAGE:
                return
            after = page[-1].sha256

    def leftovers(self) -> Iterator[tuple[PurePosixPath, int, float]]:
        return iter(())   # a write is one transaction: nothing half written stays behind

    @contextmanager
    def local_copy(self, sha256: str):
        """A temporary file holding the bytes, for tools that read a path (the PDF preview)."""
        fd, path = tempfile.mkstemp(prefix="yiwang-blob-")
        try:
            with os.fdopen(fd, "wb") as fh:
                for part in self.chunks(sha256):
                    fh.write(part)
            yield path
        finally:
            os.unlink(path)
