"""``files sweep`` at scale: the sweep of a province-sized store of definitions against a county-sized one
measured in the same run (the baseline), and against the way it used to work (read every stored definition
and collect its FileRefs) on the same big database. Both databases are SQLite files in a temporary folder,
filled with bulk SQL: the shipped example definition (~20 KB) with a blank form attached, one version per
item, plus 200 unused file rows for the sweep to find.

Goal (issue #22): the sweep's time does not follow the stored definitions. It still checks each file row (one
index look-up each, as it always read each row), so the goal is per file row: the big sweep's time per row ≤ 2×
the small one's, and the whole sweep ≤ 1/10 of reading every definition as it used to. The one-off ``files rebuild-refs`` (what the
migration runs) is timed too. Exits 1 if missed.

Usage: .venv/bin/python bench/bench_sweep.py [--versions 20000] [--json]
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.bulk_items import BATCH, insert_departments, insert_items  # noqa: E402

SMALL = 1000
UNUSED = 200


def build(folder: Path, count: int):
    """An app on a migrated database holding ``count`` published versions, each with its own blank form."""
    from sqlalchemy import text
    from app import create_app
    from runtime import definition_refs
    from runtime.extensions import db
    from runtime.setup_cli import init_database
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder}/bench.db", "YIWANG_STORAGE_DIR": f"{folder}/files",
                      "SECRET_KEY": "bench-sweep-secret-0123456789abcdef012345"})
    old = datetime.now(timezone.utc).replace(tzinfo=None) - timedelta(days=30)
    shas = [hashlib.sha256(f"file {n}".encode()).hexdigest() for n in range(count + UNUSED)]   # the last UNUSED: unused

    def shape(n: int, doc: dict) -> tuple[str, int]:
        doc["materials"][0]["blank_form"] = {"name": "申请书.pdf", "sha256": shas[n]}
        return f"code{n:012d}", 1

    with app.app_context():
        init_database()
        with db.engine.begin() as conn:
            insert_departments(conn, [("11610424MB0000011Y", "测试县局")], old)
            for start in range(0, len(shas), BATCH):
                conn.execute(text("INSERT INTO stored_file (id, sha256, size, format, media_type, created_at) "
                                  "VALUES (:id, :sha, 10, 'pdf', 'application/pdf', :now)"),
                             [{"id": n + 1, "sha": shas[n], "now": old} for n in range(start, min(start + BATCH, len(shas)))])
            insert_items(conn, count, old, shape)
        t = time.perf_counter()
        with db.engine.begin() as conn:   # bulk SQL bypassed the listener: what `files rebuild-refs` repairs
            definition_refs.rebuild(conn)
        rebuild_s = time.perf_counter() - t
    return app, rebuild_s


def timed_sweep(app) -> tuple[float, int]:
    from runtime.file_sweep import sweep
    from runtime.stored_files import file_store
    with app.app_context():
        t = time.perf_counter()
        report = sweep(file_store(), timedelta(hours=24), dry_run=True)
        return time.perf_counter() - t, len(report.rows)


def walk_all_definitions(app) -> float:
    """What the sweep used to do first: read every stored definition and collect its FileRefs."""
    from sqlalchemy import select
    from runtime.engine.file_refs import file_refs
    from runtime.extensions import db
    from runtime.models import Item, ItemDraft, ItemVersion
    with app.app_context():
        t = time.perf_counter()
        found = set()
        for column in (ItemVersion.definition, ItemDraft.definition, Item.base_definition, ItemDraft.pending_base):
            for doc in db.session.scalars(select(column).execution_options(yield_per=100)):
                found.update(file_refs(doc))
        db.session.rollback()
        return time.perf_counter() - t


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--versions", type=int, default=20000)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as small, tempfile.TemporaryDirectory() as big:
        small_app, small_rebuild = build(Path(small), SMALL)
        big_app, big_rebuild = build(Path(big), args.versions)
        timed_sweep(small_app), timed_sweep(big_app)   # warm-up
        small_s = min(timed_sweep(small_app)[0] for _ in range(3))
        runs = [timed_sweep(big_app) for _ in range(3)]
        big_s, found = min(s for s, _ in runs), runs[0][1]
        walk_s = walk_all_definitions(big_app)
    ratio = (big_s / (args.versions + UNUSED)) / (small_s / (SMALL + UNUSED))
    met = ratio <= 2 and big_s * 10 <= walk_s and found == UNUSED
    print(f"sweep (dry run) of {SMALL:,} versions: {small_s * 1000:.0f} ms; of {args.versions:,}: {big_s * 1000:.0f} ms "
          f"({ratio:.2f}× per file row, goal ≤ 2×), {found} unused rows found (expected {UNUSED})")
    print(f"reading every definition as the sweep used to: {walk_s * 1000:.0f} ms on {args.versions:,} versions")
    print(f"files rebuild-refs (the migration's one-off pass): {small_rebuild:.1f} s / {big_rebuild:.1f} s")
    if args.json:
        print(json.dumps({"bench": "sweep", "rows": [
            {"measure": f"files sweep with {args.versions:,} stored versions", "ours": round(big_s * 1000),
             "baseline": round(small_s * 1000), "unit": "ms", "ratio": f"{ratio:.2f}× per file row ({SMALL:,} versions)",
             "goal": "≤ 2× per row, ≤ 1/10 of the old walk", "met": met},
            {"measure": f"the old walk over {args.versions:,} definitions", "ours": round(walk_s * 1000),
             "baseline": round(big_s * 1000), "unit": "ms", "ratio": f"{walk_s / big_s:.0f}× the new sweep",
             "goal": "—", "met": None}]}, ensure_ascii=False))
    if not met:
        print(f"TARGET MISSED: {ratio:.2f}× per row, {big_s * 1000:.0f} ms against the walk's {walk_s * 1000:.0f} ms, "
              f"found {found} of {UNUSED}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
