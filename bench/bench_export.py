"""Export at scale: ``items export --all --part-size 3000`` of a province-sized catalogue, in a process of its own,
against the same export of a county-sized one measured in the same run (the baseline). Both databases are
SQLite files in a temporary folder, filled with bulk SQL: the shipped example definition (~20 KB) under a
different code per item, spread over 100 departments.

Goal (issue #22): memory bounded — the big export's peak RSS ≤ 1.5× the small one's, although it holds
``--items`` / 1,000 times as many items — and every part it writes passes the import's reader. The time per item
is printed against the baseline's. Exits 1 if missed.

Usage: .venv/bin/python bench/bench_export.py [--items 40000] [--json]
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.bulk_items import insert_departments, insert_items  # noqa: E402

SMALL = 1000
DEPARTMENTS = 100
PART = 3000


def environment(folder: Path) -> dict:
    return {**os.environ, "DATABASE_URL": f"sqlite:///{folder}/bench.db", "YIWANG_STORAGE_DIR": f"{folder}/files",
            "YIWANG_INSTANCE_DIR": str(folder), "SECRET_KEY": "bench-export-secret-0123456789abcdef0123"}


def build(folder: Path, count: int) -> None:
    """A migrated database holding ``count`` published items over DEPARTMENTS departments."""
    subprocess.run([str(ROOT / ".venv/bin/flask"), "--app", "app", "yiwang", "init"], cwd=ROOT,
                   env=environment(folder), check=True, capture_output=True)
    from sqlalchemy import create_engine
    from tests.engine.factories import make_uscc
    codes = [make_uscc(f"11610424MB{d:07d}") for d in range(DEPARTMENTS)]

    def shape(n: int, doc: dict) -> tuple[str, int]:
        department = n % DEPARTMENTS
        doc["implementation"]["department"]["code"] = codes[department]
        doc["catalogue"]["name"] = f"测试事项{n}"
        doc["catalogue"]["basic_code"] = f"{n:012d}"
        return f"{codes[department]}4{n:012d}", department + 1

    engine = create_engine(f"sqlite:///{folder}/bench.db")
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    with engine.begin() as conn:
        insert_departments(conn, [(code, f"测试县第{d}局") for d, code in enumerate(codes)], now)
        insert_items(conn, count, now, shape)
    engine.dispose()


def export(folder: Path) -> tuple[float, float, float, list[Path]]:
    """(seconds, CPU seconds, peak RSS in MB, parts) of one ``items export --all --part-size`` in a child process
    (CPU time too: on a busy machine the wall time mostly measures the other processes)."""
    out = folder / "out"
    out.mkdir()
    start = time.perf_counter()
    proc = subprocess.Popen([str(ROOT / ".venv/bin/flask"), "--app", "app", "items", "export", "--all",
                             "--part-size", str(PART), "-o", str(out / "items.zip")], cwd=ROOT,
                            env=environment(folder), stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    output = proc.stdout.read().decode("utf-8", "replace")
    if status != 0:
        raise SystemExit(f"export failed in {folder}: {output}")
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, sorted(out.iterdir())


def check_parts(parts: list[Path], count: int) -> int:
    """Every part passes the import's reader; together they hold every item once."""
    from builder.exchange.bundle import read_bundle
    codes = []
    for part in parts:
        codes.extend(read_bundle(part.read_bytes()).definitions)
    assert len(codes) == len(set(codes)) == count, (len(codes), count)
    return len(parts)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--items", type=int, default=40000)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as small, tempfile.TemporaryDirectory() as big:
        small, big = Path(small), Path(big)
        t = time.perf_counter()
        build(small, SMALL)
        build(big, args.items)
        print(f"built {SMALL:,} and {args.items:,} items in {time.perf_counter() - t:.0f} s", file=sys.stderr)
        base_s, base_cpu, base_mb, base_parts = export(small)
        big_s, big_cpu, big_mb, big_parts = export(big)
        check_parts(base_parts, SMALL)
        check_parts(big_parts, args.items)
        size_mb = sum(p.stat().st_size for p in big_parts) / 2 ** 20
    memory_ratio = big_mb / base_mb
    per_item = big_cpu / args.items / (base_cpu / SMALL)
    met = memory_ratio <= 1.5
    print(f"small: {SMALL:,} items, {base_s:.1f} s ({base_cpu:.1f} s CPU), peak {base_mb:.0f} MB, {len(base_parts)} part(s)")
    print(f"big:   {args.items:,} items, {big_s:.1f} s ({big_cpu:.1f} s CPU), peak {big_mb:.0f} MB, {len(big_parts)} parts, {size_mb:.0f} MB; "
          "every part passes the import's reader")
    print(f"peak memory {memory_ratio:.2f}× the small export's (goal ≤ 1.5×); CPU time per item {per_item:.2f}× the small's")
    if args.json:
        print(json.dumps({"bench": "export", "rows": [
            {"measure": f"export --all --part-size {PART} of {args.items:,} items: peak memory", "ours": round(big_mb),
             "baseline": round(base_mb), "unit": "MB", "ratio": f"{memory_ratio:.2f}× ({SMALL:,} items)",
             "goal": "≤ 1.5× the small export", "met": met},
            {"measure": f"export of {args.items:,} items: CPU time", "ours": round(big_cpu, 1),
             "baseline": round(base_cpu, 1), "unit": "s", "ratio": f"{per_item:.2f}× per item", "goal": "—",
             "met": True}]}, ensure_ascii=False))
    if not met:
        print(f"TARGET MISSED: peak memory {big_mb:.0f} MB is {memory_ratio:.2f}× the small export's {base_mb:.0f} MB")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
