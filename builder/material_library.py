"""The designer's material library (builder/material_library.json): common materials with their usual
type, copies and source, which 从材料库添加 copies into a new material. Each entry also carries its name in
pinyin and pinyin initials (营业执照 → yingyezhizhao, yyzz) so the picker can be searched either way."""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from pypinyin import Style, lazy_pinyin

FILE = Path(__file__).with_name("material_library.json")


@lru_cache(maxsize=1)
def library() -> list[dict]:
    entries = json.loads(FILE.read_text("utf-8"))["materials"]
    out = []
    for entry in entries:
        names = [entry["name"], *entry.get("aliases", [])]
        out.append(entry | {
            "pinyin": " ".join("".join(lazy_pinyin(n)) for n in names),
            "initials": " ".join("".join(lazy_pinyin(n, style=Style.FIRST_LETTER)) for n in names),
        })
    return out
