"""A catalogue of published items written by bulk SQL, for the benches that need tens of thousands of items
(bench_export.py, bench_sweep.py): publishing them one by one would take longer than the measurement. Each
item is the shipped example definition (~20 KB) under a code of its own, online, with one published version."""
from __future__ import annotations

import copy
import hashlib
import json
from datetime import datetime
from pathlib import Path
from typing import Callable

from sqlalchemy import text

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = json.loads((ROOT / "item_defs/individual-business-registration.json").read_text("utf-8"))
BATCH = 1000   # rows a statement


def insert_departments(conn, departments: list[tuple[str, str]], now: datetime) -> None:
    """Departments 1, 2, … from (code, name) pairs."""
    conn.execute(text("INSERT INTO department (id, code, name, abbreviation, created_at) "
                      "VALUES (:id, :code, :name, '测', :now)"),
                 [{"id": n + 1, "code": code, "name": name, "now": now} for n, (code, name) in enumerate(departments)])


def insert_items(conn, count: int, now: datetime, shape: Callable[[int, dict], tuple[str, int]]) -> None:
    """Items 1 … ``count`` named 测试事项<n> (n from 0), each online with version 1 published at ``now``.
    ``shape(n, doc)`` adjusts the n-th item's own copy of the example and returns (implementation code,
    department id)."""
    for start in range(0, count, BATCH):
        items, versions = [], []
        for n in range(start, min(start + BATCH, count)):
            doc = copy.deepcopy(EXAMPLE)
            code, department_id = shape(n, doc)
            doc["implementation"]["implementation_code"] = code
            text_ = json.dumps(doc, ensure_ascii=False)
            items.append({"id": n + 1, "code": code, "name": f"测试事项{n}", "dept": department_id, "now": now})
            versions.append({"id": n + 1, "item": n + 1, "doc": text_, "now": now,
                             "sum": hashlib.sha256(text_.encode()).hexdigest()})
        conn.execute(text("INSERT INTO item (id, implementation_code, name, department_id, online, current_version, "
                          "created_at, updated_at) VALUES (:id, :code, :name, :dept, 1, 1, :now, :now)"), items)
        conn.execute(text("INSERT INTO item_version (id, item_id, number, definition, checksum, schema_version, "
                          "published_at) VALUES (:id, :item, 1, :doc, :sum, '1.0', :now)"), versions)
