"""Importing the whole basic catalogue: skeleton drafts for all 385 items as one bundle, imported
into a fresh instance (SQLite in a temporary folder). Baseline measured in the same run: creating
the same 385 drafts directly, without a bundle, checks or a plan.

Usage: .venv/bin/python bench/bench_exchange.py [--json]
Goal (issue #7): the whole import (read + check + plan + apply) ≤ 5 s. Exits 1 if missed.
"""
from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
CLASS_TYPES = {"行政职权事项": "00", "公共服务事项": "20", "便民服务事项": "21", "政府信息公开事项": "20"}


def skeletons(department) -> list[dict]:
    from builder.drafts import new_definition
    entries = json.loads((ROOT / "item_defs/catalogue/basic-catalogue.json").read_text("utf-8"))["items"]
    docs = []
    for n, entry in enumerate(entries, 1):
        basic = f"{900000000000 + n:012d}"
        docs.append(new_definition(department, name=entry["name"], basic_code=basic,
                                   task_type=CLASS_TYPES[entry["class"]]))
    return docs


def fresh_app(folder: str):
    os.environ.update(DATABASE_URL=f"sqlite:///{folder}/bench.db", YIWANG_STORAGE_DIR=f"{folder}/files",
                      SECRET_KEY="bench-secret-key-0123456789abcdef0123456789")
    from app import create_app
    from runtime.setup_cli import init_database
    app = create_app()
    with app.app_context():
        init_database()
    return app


def main() -> int:
    from builder.drafts import create_item
    from builder.exchange.apply import apply_plan
    from builder.exchange.bundle import read_bundle, write_bundle
    from builder.exchange.plan import plan_import
    from runtime.extensions import db
    from runtime.models import Department

    with tempfile.TemporaryDirectory() as a, tempfile.TemporaryDirectory() as b:
        dept = SimpleNamespace(code="11610424MB00000702", name="秦源县数据局", abbreviation="秦数")
        docs = skeletons(dept)
        data = write_bundle([(d, 1) for d in docs], {}, exporter="秦源县", exported_at="2026-11-24T00:00:00+00:00")

        app = fresh_app(a)
        with app.app_context():
            start = time.perf_counter()
            for doc in docs:
                create_item(json.loads(json.dumps(doc)))
            db.session.commit()
            baseline = time.perf_counter() - start

        app = fresh_app(b)
        with app.app_context():
            t0 = time.perf_counter()
            bundle = read_bundle(data)
            t1 = time.perf_counter()
            entries = plan_import(bundle)
            t2 = time.perf_counter()
            counts = apply_plan(bundle, entries, {e.source_code: "draft" for e in entries})
            db.session.commit()
            t3 = time.perf_counter()
            assert counts["draft"] == len(docs) == 385, counts
            assert db.session.query(Department).count() == 1
    total = t3 - t0
    print(f"bundle: {len(docs)} skeleton items, {len(data) // 1024} KB")
    print(f"read + check {t1 - t0:6.2f} s · plan (validate, lint, match) {t2 - t1:6.2f} s · apply {t3 - t2:6.2f} s")
    print(f"import total {total:6.2f} s   baseline (create the drafts directly) {baseline:6.2f} s   ratio {total / baseline:4.1f}x")
    if "--json" in sys.argv[1:]:
        print(json.dumps({"bench": "exchange", "rows": [{
            "measure": f"import of {len(docs)} items (read, check, plan, apply)", "ours": round(total, 2),
            "baseline": round(baseline, 2), "unit": "s", "ratio": f"{total / baseline:.1f}× the time",
            "goal": "≤ 5 s", "met": total <= 5}]}))
    if total > 5:
        print(f"TARGET MISSED: import of 385 items took {total:.2f} s (goal ≤ 5 s)")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
