"""Content-addressed file store: bytes are kept under their SHA-256, written atomically.

The path comes only from the hash, never from anything the user sent, so a file name cannot reach
the file system. The same content uploaded twice is stored once.
"""
from __future__ import annotations

import hashlib
import os
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

SHA256 = re.compile(r"^[0-9a-f]{64}$")
UPLOAD_PREFIX = ".upload-"   # a file being written; left behind only by a killed process
ASIDE_PREFIX = ".sweep-"     # a file being removed (remove_unused); left behind only by a killed sweep


@dataclass(frozen=True)
class StoredBlob:
    sha256: str
    size: int


class FileStore:
    def __init__(self, root):
        self.root = Path(root)

    def path_for(self, sha256: str) -> Path:
        if not SHA256.match(sha256 or ""):
            raise ValueError("无效的文件摘要")
        return self.root / sha256[:2] / sha256[2:4] / sha256

    def put(self, data: bytes) -> StoredBlob:
        digest = hashlib.sha256(data).hexdigest()
        target = self.path_for(digest)
        try:
            os.utime(target)  # stored already: mark it as just used, so a sweep leaves it alone (remove_unused)
        except FileNotFoundError:
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=UPLOAD_PREFIX)
            try:
                with os.fdopen(fd, "wb") as fh:
                    fh.write(data)
                    fh.flush()
                    os.fsync(fh.fileno())
                os.replace(tmp, target)  # atomic: readers see the whole file or none
            except BaseException:
                if os.path.exists(tmp):
                    os.unlink(tmp)
                raise
        return StoredBlob(digest, len(data))

    def read(self, sha256: str) -> bytes:
        return self.path_for(sha256).read_bytes()

    def exists(self, sha256: str) -> bool:
        return self.path_for(sha256).exists()

    def size(self, sha256: str) -> int | None:
        """Bytes of the stored file; None if it is not there."""
        try:
            return self.path_for(sha256).stat().st_size
        except FileNotFoundError:
            return None

    def blobs(self) -> Iterator[tuple[str, Path]]:
        """(sha256, path) of every stored file. Only the two-level hash folders are walked: other
        folders under the root (the exchange's bundles/) belong to other stores."""
        for path in self._hash_folder_files():
            if SHA256.match(path.name) and path.parent.name == path.name[2:4] and \
                    path.parent.parent.name == path.name[:2]:
                yield path.name, path

    def stored(self) -> Iterator[tuple[str, Path, int, float]]:
        """(sha256, path, size, modified) of every stored file (as the database store gives them)."""
        for sha, path in self.blobs():
            stat = _stat(path)
            if stat:
                yield sha, path, stat.st_size, stat.st_mtime

    def leftovers(self) -> Iterator[tuple[Path, int, float]]:
        """(path, size, modified) of the temporary files of writes that never finished (a killed upload
        between its write and rename)."""
        for path in self._hash_folder_files():
            stat = _stat(path) if path.name.startswith(UPLOAD_PREFIX) else None
            if stat:
                yield path, stat.st_size, stat.st_mtime

    def remove_leftover(self, path: Path) -> bool:
        try:
            path.unlink()
        except FileNotFoundError:
            return False
        return True

    @contextmanager
    def local_copy(self, sha256: str):
        """A path holding the bytes, for tools that read a path (the PDF preview): the stored file itself."""
        yield str(self.path_for(sha256))

    def modified(self, sha256: str) -> float | None:
        """When the file was written or last put() again (Unix time); None if it is not there."""
        try:
            return self.path_for(sha256).stat().st_mtime
        except FileNotFoundError:
            return None

    def remove_unused(self, sha256: str, since: float) -> bool:
        """Delete the file unless a put() touched it at or after ``since`` (Unix time). It is moved
        aside first, so a put() that comes meanwhile writes a fresh copy instead of touching one about
        to go, and a put() that came just before shows in the moved file's time and puts it back."""
        path = self.path_for(sha256)
        aside = path.with_name(ASIDE_PREFIX + sha256)
        try:
            os.rename(path, aside)
            if aside.stat().st_mtime >= since:
                os.replace(aside, path)  # in use again; a fresh copy written meanwhile has the same bytes
                return False
            os.unlink(aside)
        except FileNotFoundError:  # gone meanwhile (another sweep)
            return False
        return True

    def recover(self) -> int:
        """Put back files a killed sweep had moved aside (it had not decided yet); returns how many."""
        restored = 0
        for path in self._hash_folder_files():
            sha256 = path.name.removeprefix(ASIDE_PREFIX)
            if path.name.startswith(ASIDE_PREFIX) and SHA256.match(sha256):
                target = self.path_for(sha256)
                if target.exists():
                    path.unlink(missing_ok=True)   # stored again meanwhile: the same bytes
                else:
                    os.replace(path, target)
                    restored += 1
        return restored

    def _hash_folder_files(self) -> Iterator[Path]:
        for first in sorted(self.root.glob("[0-9a-f][0-9a-f]")):
            for second in sorted(first.glob("[0-9a-f][0-9a-f]")):
                for path in sorted(second.iterdir()):
                    if path.is_file():
                        yield path


def _stat(path: Path):
    try:
        return path.stat()
    except FileNotFoundError:
        return None
