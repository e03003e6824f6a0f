"""Content-addressed file store: bytes are kept under their SHA-256, written atomically.

The path comes only from the hash, never from anything the user sent, so a file name cannot reach
the file system. The same content uploaded twice is stored once.
"""
from __future__ import annotations

import hashlib
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

SHA256 = re.compile(r"^[0-9a-f]{64}$")


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
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".upload-")
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
