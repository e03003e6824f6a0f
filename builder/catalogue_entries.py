"""The catalogue entries a new item starts from: the county's basic catalogue
(item_defs/catalogue/basic-catalogue.json, the 385-item list of 2011: class, group, name, no codes) and
the county's own list of current items with their basic codes (local-catalogue.json). Each entry
carries what the new-item combobox searches: its name, its code and its pinyin (initials and full),
so "spjy" finds 食品经营许可证核发."""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from pypinyin import Style, lazy_pinyin

ROOT = Path(__file__).resolve().parents[1]
CATALOGUE = ROOT / "item_defs" / "catalogue" / "basic-catalogue.json"
LOCAL = ROOT / "item_defs" / "catalogue" / "local-catalogue.json"
# The catalogue's classes mapped to GB/T 39046 task types where the class says it.
CLASS_TYPES = {"行政职权事项": "00", "公共服务事项": "20", "便民服务事项": "21"}
# A 行政职权 entry's name usually says its kind of power (许可证核发, 登记 …); the author can still change it.
NAME_TYPES = (("处罚", "02"), ("强制", "03"), ("征收", "04"), ("给付", "05"), ("补助", "05"), ("检查", "06"),
              ("奖励", "08"), ("裁决", "09"), ("许可", "01"), ("核发", "01"), ("审批", "01"), ("登记", "07"),
              ("确认", "07"), ("认定", "07"))


def _task_type(entry: dict) -> str:
    if entry.get("task_type"):
        return entry["task_type"]
    if entry["class"] == "行政职权事项":
        return next((code for word, code in NAME_TYPES if word in entry["name"]), "00")
    return CLASS_TYPES[entry["class"]]


def _letters(name: str, style) -> str:
    return "".join(p for p in lazy_pinyin(name, style=style) if re.fullmatch(r"[a-z]+", p))


@lru_cache(maxsize=1)
def entries() -> list[dict]:
    """Local entries first (they have codes), then the basic catalogue; each with ``key`` (what the form
    posts), ``code`` (may be empty), ``task_type``, ``initials`` and ``pinyin``."""
    local = json.loads(LOCAL.read_text("utf-8")).get("items", [])
    basic = [e for e in json.loads(CATALOGUE.read_text("utf-8")).get("items", []) if e.get("class") in CLASS_TYPES]
    out, names = [], set()
    for entry in local + basic:
        if entry["name"] in names:  # the local list's entry (with its code) replaces the old one
            continue
        names.add(entry["name"])
        key = f"code:{entry['code']}" if entry.get("code") else f"{entry['class']}:{entry['seq']}"
        out.append({"key": key, "name": entry["name"], "class": entry["class"], "group": entry.get("group") or "",
                    "code": entry.get("code", ""), "task_type": _task_type(entry),
                    "initials": _letters(entry["name"], Style.FIRST_LETTER),
                    "pinyin": _letters(entry["name"], Style.NORMAL)})
    return out


def find(key: str) -> dict | None:
    """An entry by its ``key``."""
    return next((e for e in entries() if e["key"] == key), None)


def search(text: str, limit: int = 20) -> list[dict]:
    """Entries whose name, code, pinyin initials or full pinyin contain every word of ``text``."""
    words = [w.lower() for w in text.split() if w][:5]
    hits = [e for e in entries()
            if all(w in e["name"] or w in e["code"] or w in e["initials"] or w in e["pinyin"] for w in words)]
    first = words[0] if words else ""
    # Entries that start with what was typed come first ("spjy" → 食品经营… before 美术品经营…).
    hits.sort(key=lambda e: not any(s.startswith(first) for s in (e["name"], e["code"], e["initials"], e["pinyin"])))
    return hits[:limit]
