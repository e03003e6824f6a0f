"""Pre-review speed per application: the definition compiled once (what the runtime does) against a naive
runtime that validates (schema + lint), compiles and then pre-reviews on every application — both
measured in the same run, on the synthetic item and on individual-business-registration.json, for a
complete, a half-filled and a garbage application (bench/synthetic_applications.py).

Usage: .venv/bin/python bench/bench_prereview.py [--rounds 200] [--baseline-rounds 20] [--clock cpu|wall]

Times are the process's CPU time by default: on a machine whose cores other processes share, wall-clock
medians of a 2 ms call move by several times with the load (bench/RESULTS.md), CPU time hardly at all.
``--clock wall`` measures elapsed time instead.

Targets (the issue): on the synthetic item, compiled median ≤ 5 ms per application and ≥ 10× faster
than the baseline, for every application. Exits 1 and prints TARGET MISSED lines when one is missed.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.synthetic_applications import complete, garbage, half_filled  # noqa: E402
from runtime.engine.compiled_item import DefinitionInvalid, compile_item  # noqa: E402
from runtime.engine.prereview import prereview  # noqa: E402
from runtime.engine.problems import has_errors  # noqa: E402
from runtime.engine.validation import validate_definition  # noqa: E402

ITEMS = {"synthetic": ROOT / "item_defs/synthetic/large-synthetic.json",
         "individual-business": ROOT / "item_defs/individual-business-registration.json"}
TARGET_ITEM, MAX_MEDIAN_MS, MIN_RATIO = "synthetic", 5.0, 10.0
APPLICATIONS = {"complete": complete, "half-filled": half_filled, "garbage": garbage}


def naive(doc: dict, app: dict):
    """What a runtime without a compiled-item cache does for every application."""
    problems = validate_definition(doc)          # schema + semantic lint
    if has_errors(problems):
        raise DefinitionInvalid(problems)
    return prereview(compile_item(doc, validate=False), app)


CLOCKS = {"cpu": time.process_time, "wall": time.perf_counter}
clock = CLOCKS["cpu"]


def timings(fn, rounds: int) -> list[float]:
    out = []
    for _ in range(rounds):
        start = clock()
        fn()
        out.append((clock() - start) * 1000)
    return out


def median_p95(ms: list[float]) -> tuple[float, float]:
    return statistics.median(ms), statistics.quantiles(ms, n=20, method="inclusive")[18]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=200, help="timed runs per application, compiled")
    parser.add_argument("--baseline-rounds", type=int, default=20, help="timed runs per application, baseline")
    parser.add_argument("--clock", choices=CLOCKS, default="cpu", help="CPU time of this process (default) or wall")
    parser.add_argument("--json", action="store_true", help="end with one JSON line of the results")
    args = parser.parse_args()
    global clock
    clock = CLOCKS[args.clock]
    rows = []
    docs = {name: json.loads(path.read_text("utf-8")) for name, path in ITEMS.items()}

    print(f"{args.clock} time")
    print("compile (validate + lint + compile), ms")
    compiled = {}
    for name, doc in docs.items():
        start = clock()
        compiled[name] = compile_item(doc)
        first = (clock() - start) * 1000
        again = statistics.median(timings(lambda: compile_item(doc), 5))
        print(f"  {name:22} first {first:7.1f}   median of 5 {again:7.1f}")

    print()
    print(f"{'item':22} {'application':12} {'outcome':17} {'findings':>8}   "
          f"{'compiled median/p95 ms':>22}   {'baseline median/p95 ms':>22}   {'ratio':>6}")
    failed = []
    for name, doc in docs.items():
        item = compiled[name]
        for label, make in APPLICATIONS.items():
            app = make(doc)
            result = prereview(item, app)
            for _ in range(10):  # warm up
                prereview(item, app)
            fm, fp = median_p95(timings(lambda: prereview(item, app), args.rounds))
            sm, sp = median_p95(timings(lambda: naive(doc, app), args.baseline_rounds))
            ratio = sm / fm
            print(f"{name:22} {label:12} {result.outcome:17} {len(result.findings):8d}   "
                  f"{fm:10.2f} / {fp:8.2f}   {sm:10.2f} / {sp:8.2f}   {ratio:5.1f}x")
            target = name == TARGET_ITEM
            rows.append({"measure": f"pre-review {name}, {label} (median ms)", "ours": round(fm, 2),
                         "baseline": round(sm, 2), "unit": "ms", "ratio": f"{ratio:.1f}× faster",
                         "goal": f"≤ {MAX_MEDIAN_MS:g} ms and ≥ {MIN_RATIO:g}×" if target else "—",
                         "met": (fm <= MAX_MEDIAN_MS and ratio >= MIN_RATIO) if target else None})
            if target:
                if fm > MAX_MEDIAN_MS:
                    failed.append(f"{name}/{label}: compiled median {fm:.2f} ms > {MAX_MEDIAN_MS:g} ms")
                if ratio < MIN_RATIO:
                    failed.append(f"{name}/{label}: ratio {ratio:.1f}x < {MIN_RATIO:g}x")
    print()
    for message in failed:
        print("TARGET MISSED:", message)
    if not failed:
        print(f"targets met: {TARGET_ITEM} compiled median ≤ {MAX_MEDIAN_MS:g} ms and ≥ {MIN_RATIO:g}x the "
              f"baseline for every application")
    if args.json:
        print(json.dumps({"bench": "prereview", "rows": rows}))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
