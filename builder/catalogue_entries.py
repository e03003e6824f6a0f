"""The county's basic catalogue (item_defs/catalogue/basic-catalogue.json, the 385-item list): the
entries a new item can start from (name, class, group)."""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CATALOGUE = ROOT / "item_defs" / "catalogue" / "basic-catalogue.json"
# The catalogue's classes mapped to GB/T 39046 task types where the class says it.
CLASS_TYPES = {"行政职权事项": "00", "公共服务事项": "20", "便民服务事项": "21"}


@lru_cache(maxsize=1)
def entries() -> list[dict]:
    data = json.loads(CATALOGUE.read_text("utf-8"))
    return [e for e in data.get("items", []) if e.get("class") in CLASS_TYPES]


def find(seq_key: str) -> dict | None:
    """An entry by "<class>:<seq>"."""
    return next((e for e in entries() if f"{e['class']}:{e['seq']}" == seq_key), None)
