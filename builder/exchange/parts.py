"""Which bundles one ``items import`` reads: the files given, in the order given; a folder stands for its
``.zip`` files in name order — the parts ``items export --part-size`` (``items-001.zip`` …) or
``--per-department`` wrote, which sort the way they were written."""
from __future__ import annotations

from pathlib import Path


class PartsError(ValueError):
    """The paths name nothing to import (a Chinese message)."""


def bundle_parts(paths) -> list[Path]:
    parts: list[Path] = []
    for given in map(Path, paths):
        if given.is_dir():
            found = sorted(p for p in given.iterdir() if p.suffix.lower() == ".zip" and p.is_file())
            if not found:
                raise PartsError(f"文件夹 {given} 中没有 .zip 交换包")
            parts += found
        elif given.exists():
            parts.append(given)
        else:
            raise PartsError(f"{given}: 文件或文件夹不存在")
    seen: set[Path] = set()
    for part in parts:
        if part.resolve() in seen:
            raise PartsError(f"{part}: 同一个交换包给出了两次")
        seen.add(part.resolve())
    return parts
