"""Reading definition documents and identifying their content.

A definition is a plain dict; these helpers give it a canonical byte form (for checksums and
byte-identical exports) and read it from files with clear errors for unreadable input.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

from runtime import strict_json

SCHEMA_VERSION = "1.0"


class DefinitionReadError(ValueError):
    """A file could not be read as a JSON object; the message is Chinese and names the file."""


def canonical_json(doc) -> str:
    """Canonical JSON: sorted keys, no insignificant whitespace, UTF-8 text kept as is."""
    return json.dumps(doc, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False)


def definition_checksum(doc) -> str:
    return hashlib.sha256(canonical_json(doc).encode("utf-8")).hexdigest()


def read_definition_file(path) -> dict:
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise DefinitionReadError(f"{path}: 无法读取文件({exc.strerror or exc})") from exc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DefinitionReadError(f"{path}: 文件不是 UTF-8 编码的文本") from exc
    try:
        doc = strict_json.loads(text)
    except json.JSONDecodeError as exc:
        raise DefinitionReadError(f"{path}: 不是有效的 JSON(第 {exc.lineno} 行第 {exc.colno} 列:{exc.msg})") from exc
    except ValueError as exc:
        raise DefinitionReadError(f"{path}: 不是有效的 JSON({exc})") from exc
    if not isinstance(doc, dict):
        raise DefinitionReadError(f"{path}: 事项定义必须是 JSON 对象")
    return doc


def definition_files(paths) -> list[Path]:
    """Expand files and folders (top-level *.json of each folder) into a sorted list of files."""
    files: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            files.extend(sorted(f for f in p.glob("*.json") if f.is_file()))
        else:
            files.append(p)
    return files
