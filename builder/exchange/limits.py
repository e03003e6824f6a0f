"""What one bundle may hold: the reader refuses anything beyond these caps, and the exporter closes a
bundle (or a part) before it would cross one, so every bundle this system writes can be imported again.

A bundle is small on the wire but its definitions expand in memory (``[{},{},…]`` costs ~25× its size as
Python objects), so there are caps on bytes *and* on JSON values (docs/exchange.md has the table)."""
from __future__ import annotations

from dataclasses import dataclass

MAX_BUNDLE_BYTES = 200 * 1024 * 1024        # compressed
MAX_UNCOMPRESSED = 500 * 1024 * 1024
MAX_ENTRIES = 20000
MAX_ITEMS = 3000                            # a county's whole catalogue; a province exports per department or in parts
MAX_MANIFEST_BYTES = 2 * 1024 * 1024        # ~400 bytes per item and ~90 per file: 3,000 items use ~1.5 MB
MAX_DEFINITION_BYTES = 2 * 1024 * 1024      # the shipped definitions are 20 KB, the large synthetic 95 KB
MAX_DEFINITION_VALUES = 100_000             # JSON values; the shipped ones have ~600, the large synthetic 6,200
MAX_DEFINITIONS_BYTES = 100 * 1024 * 1024   # all definitions of one bundle together
MAX_DEFINITIONS_VALUES = 2_000_000          # ~200 MB as Python objects; 3,000 real items use ~1.9 million
MAX_FILE_BYTES = 30 * 1024 * 1024
MAX_FILES_BYTES = 200 * 1024 * 1024         # all attachments together (they are held in memory)
ENTRY_OVERHEAD = 200                        # zip headers of one entry, counted against the compressed cap


def json_values_bound(raw: bytes) -> int:
    """An upper bound of the JSON values (and so of the Python objects) ``raw`` parses into: every value
    but the first follows a ``,`` or opens a ``[``/``{``. Braces and commas inside strings only make the
    bound larger. Counted in C, without parsing."""
    return raw.count(b"{") + raw.count(b"[") + raw.count(b",") + 1


def summary_zh() -> str:
    """The caps as the export page and the CLI state them, in Chinese."""
    return (f"每个交换包最多 {MAX_ITEMS:,} 个事项、事项定义合计 {MAX_DEFINITIONS_BYTES // 2 ** 20} MB、"
            f"附件合计 {MAX_FILES_BYTES // 2 ** 20} MB(单个附件 {MAX_FILE_BYTES // 2 ** 20} MB)、"
            f"文件大小 {MAX_BUNDLE_BYTES // 2 ** 20} MB")


@dataclass
class Budget:
    """What one bundle being written holds so far, measured as the reader will measure it."""
    max_items: int = MAX_ITEMS
    items: int = 0
    definition_bytes: int = 0
    definition_values: int = 0
    file_bytes: int = 0
    files: int = 0
    manifest_bytes: int = 200   # the manifest's fixed keys

    def fits(self, definition_bytes: int, values: int, manifest_bytes: int, new_files: list[int]) -> bool:
        """Whether one more item (its canonical text, value bound, manifest entry and the sizes of the
        files it adds to this bundle) keeps every cap."""
        files_bytes = self.file_bytes + sum(new_files)
        entries = 1 + self.items + 1 + self.files + len(new_files)
        definitions = self.definition_bytes + definition_bytes
        manifest = self.manifest_bytes + manifest_bytes + 100 * len(new_files)
        return (definition_bytes <= MAX_DEFINITION_BYTES and values <= MAX_DEFINITION_VALUES
                and all(size <= MAX_FILE_BYTES for size in new_files)
                and self.items + 1 <= self.max_items and entries <= MAX_ENTRIES
                and definitions <= MAX_DEFINITIONS_BYTES
                and self.definition_values + values <= MAX_DEFINITIONS_VALUES
                and files_bytes <= MAX_FILES_BYTES and manifest <= MAX_MANIFEST_BYTES
                and definitions + files_bytes + manifest + ENTRY_OVERHEAD * entries <= MAX_BUNDLE_BYTES)

    def add(self, definition_bytes: int, values: int, manifest_bytes: int, new_files: list[int]) -> None:
        self.items += 1
        self.definition_bytes += definition_bytes
        self.definition_values += values
        self.manifest_bytes += manifest_bytes + 100 * len(new_files)
        self.file_bytes += sum(new_files)
        self.files += len(new_files)


def item_alone_problem(definition_bytes: int, values: int, file_sizes: list[int]) -> str | None:
    """Why an item cannot be in any bundle at all (Chinese), or None."""
    if definition_bytes > MAX_DEFINITION_BYTES:
        return f"事项定义超过 {MAX_DEFINITION_BYTES // 2 ** 20} MB"
    if values > MAX_DEFINITION_VALUES:
        return f"事项定义超过 {MAX_DEFINITION_VALUES:,} 个值"
    if any(size > MAX_FILE_BYTES for size in file_sizes):
        return f"有附件超过 {MAX_FILE_BYTES // 2 ** 20} MB"
    if not Budget().fits(definition_bytes, values, 1000, file_sizes):
        return "附件合计超过一个交换包的上限"
    return None
