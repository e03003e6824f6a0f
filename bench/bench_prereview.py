"""Pre-review speed: the definition compiled once (what the runtime does) against a naive runtime that
validates, lints and compiles the definition on every application — measured in the same run.

Usage: .venv/bin/python bench/bench_prereview.py [--rounds 200]
Targets (issue #2): on the synthetic item, compiled median ≤ 5 ms and ≥ 10× the baseline. Exits 1 if missed.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.synthetic_applications import complete, half_filled  # noqa: E402
from runtime.engine.compiled_item import compile_item  # noqa: E402
from runtime.engine.prereview import prereview  # noqa: E402

ITEMS = {"synthetic": ROOT / "item_defs/synthetic/large-synthetic.json",
         "individual-business": ROOT / "item_defs/individual-business-registration.json"}


def timings(fn, rounds: int) -> list[float]:
    out = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        out.append((time.perf_counter() - start) * 1000)
    return out


def summary(ms: list[float]) -> tuple[float, float]:
    ms = sorted(ms)
    return statistics.median(ms), ms[int(len(ms) * 0.95) - 1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=200)
    args = parser.parse_args()
    failed = []
    print(f"{'item':22} {'application':12} {'compiled ms (median/p95)':>26} {'baseline ms (median/p95)':>26} {'ratio':>7}")
    for name, path in ITEMS.items():
        doc = json.loads(path.read_text("utf-8"))
        start = time.perf_counter()
        compiled = compile_item(doc)
        print(f"{name}: compile once {(time.perf_counter() - start) * 1000:.1f} ms")
        for label, app in (("complete", complete(doc)), ("half-filled", half_filled(doc))):
            fast = timings(lambda: prereview(compiled, app), args.rounds)
            slow = timings(lambda: prereview(compile_item(doc), app), max(10, args.rounds // 10))
            (fm, fp), (sm, sp) = summary(fast), summary(slow)
            ratio = sm / fm
            print(f"{name:22} {label:12} {fm:12.2f} / {fp:8.2f}   {sm:12.2f} / {sp:8.2f}   {ratio:6.1f}x")
            if name == "synthetic":
                if fm > 5:
                    failed.append(f"{name}/{label}: median {fm:.2f} ms > 5 ms")
                if ratio < 10:
                    failed.append(f"{name}/{label}: ratio {ratio:.1f}x < 10x")
    for message in failed:
        print("TARGET MISSED:", message)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
