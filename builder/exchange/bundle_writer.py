"""Write a bundle entry by entry into a file, with memory bounded by one definition and one attachment.

Items are added in implementation-code order, each definition written at once; the attachments follow in
hash order, each read from the store when it is written; the manifest comes last (a zip's central
directory lets the reader find it anywhere). The same content always gives the same bytes. ``fits`` says
whether one more item keeps every cap of limits.py, so an exporter starts a new part instead."""
from __future__ import annotations

import hashlib
import zipfile
from collections.abc import Callable
from dataclasses import dataclass

from runtime.engine.definition import SCHEMA_VERSION, canonical_json
from runtime.engine.file_refs import file_refs

from . import format_migrations
from .limits import Budget, json_values_bound

BUNDLE_FORMAT = str(format_migrations.BUNDLE_FORMAT)
MANIFEST = "manifest.json"
_FIXED_TIME = (2000, 1, 1, 0, 0, 0)  # zip timestamps carry no information


@dataclass
class PreparedItem:
    """One definition as it goes into a bundle: its canonical text, measured as the reader measures it."""
    code: str
    text: bytes
    values: int
    listing: dict
    files: list[str]

    @classmethod
    def of(cls, definition: dict, number: int) -> PreparedItem:
        code = definition["implementation"]["implementation_code"]
        text = canonical_json(definition).encode("utf-8")
        listing = {"implementation_code": code, "basic_code": definition["catalogue"].get("basic_code"),
                   "name": definition["catalogue"]["name"], "version": number,
                   "sha256": hashlib.sha256(text).hexdigest()}
        return cls(code, text, json_values_bound(text), listing, sorted(file_refs(definition)))

    @property
    def listing_bytes(self) -> int:
        return len(canonical_json(self.listing).encode("utf-8")) + 1


def _entry(zf: zipfile.ZipFile, name: str, data: bytes) -> None:
    info = zipfile.ZipInfo(name, date_time=_FIXED_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    zf.writestr(info, data, compresslevel=6)


class BundleWriter:
    """One bundle being written to ``target`` (a path or a binary stream).

    ``size_of(sha)`` gives an attachment's size (None: not stored, left out as before), ``read(sha)`` its
    bytes. Use ``fits`` before ``add``; ``close`` writes the attachments and the manifest."""

    def __init__(self, target, *, exporter: str, exported_at: str, size_of: Callable[[str], int | None],
                 read: Callable[[str], bytes], max_items: int | None = None):
        self._zip = zipfile.ZipFile(target, "w")
        self._size_of, self._read = size_of, read
        self._exporter, self._exported_at = exporter, exported_at
        self.budget = Budget(**({"max_items": max_items} if max_items else {}))
        self.items: list[dict] = []
        self.files: dict[str, int] = {}   # sha256 -> size, of the attachments this bundle holds

    def new_files(self, item: PreparedItem) -> dict[str, int]:
        """The stored attachments ``item`` refers to that this bundle does not hold yet."""
        found = {}
        for sha in item.files:
            if sha not in self.files:
                size = self._size_of(sha)
                if size is not None:
                    found[sha] = size
        return found

    def fits(self, item: PreparedItem) -> bool:
        return self.budget.fits(len(item.text), item.values, item.listing_bytes, list(self.new_files(item).values()))

    def add(self, item: PreparedItem) -> None:
        new = self.new_files(item)
        self.budget.add(len(item.text), item.values, item.listing_bytes, list(new.values()))
        self.files.update(new)
        self.items.append(item.listing)
        _entry(self._zip, f"items/{item.code}.json", item.text)

    def close(self) -> None:
        for sha in sorted(self.files):
            _entry(self._zip, f"files/{sha}", self._read(sha))
        manifest = {"bundle_format": BUNDLE_FORMAT, "schema_version": SCHEMA_VERSION, "exporter": self._exporter,
                    "exported_at": self._exported_at, "items": self.items,
                    "files": [{"sha256": sha, "size": size} for sha, size in sorted(self.files.items())]}
        _entry(self._zip, MANIFEST, canonical_json(manifest).encode("utf-8"))
        self._zip.close()
