"""Compiled JsonLogic vs compiling on every call, for a realistic 20-condition rule.

Usage: .venv/bin/python bench/bench_logic.py [--seconds 1.0]
Prints evaluations per second for both and their ratio (measured in the same run).
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from runtime.logic import compile_rule, evaluate  # noqa: E402

V = lambda path: {"var": path}  # noqa: E731
RULE = {"or": [
    {"and": [{"==": [V("answers.entity_type"), "individual"]}, {">=": [V("answers.capital"), 50000]}]},
    {"and": [{"in": [V("answers.region"), ["610424001", "610424002", "610424003"]]},
             {"!": {"missing": ["answers.name", "answers.id_number", "answers.address"]}}]},
    {"and": [{"valid_id_card": V("answers.id_number")},
             {">=": [{"age_from_id": [V("answers.id_number"), V("today")]}, 18]}]},
    {"some": [V("answers.members"), {"and": [{"==": [V("role"), "partner"]}, {">": [V("share"), 0.3]}]}]},
    {"<=": [1, {"length": V("answers.name")}, 50]},
    {"and": [{"!!": V("answers.has_premises")}, {"==": [V("answers.premises_type"), "leased"]},
             {"<": [{"days_between": [V("today"), V("answers.lease_end")]}, 365]}]},
    {"if": [{"==": [V("answers.kind"), "food"]}, {"missing_some": [1, ["licences.food", "answers.food_plan"]]},
            False]},
]}
DATA = {"today": "2026-11-24", "licences": {},
        "answers": {"entity_type": "company", "capital": 1000, "region": "610424009", "name": "张三小吃店",
                    "id_number": "11010519491231002X", "address": "乾县城关街道", "has_premises": True,
                    "premises_type": "owned", "lease_end": "2027-01-01", "kind": "retail",
                    "members": [{"role": "partner", "share": 0.2}, {"role": "staff", "share": 0}]}}


def rate(fn, seconds: float) -> float:
    """Median evaluations/second over 5 rounds."""
    rates = []
    for _ in range(5):
        n, start = 0, time.perf_counter()
        while (elapsed := time.perf_counter() - start) < seconds / 5:
            for _ in range(100):
                fn()
            n += 100
        rates.append(n / elapsed)
    return statistics.median(rates)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=2.0)
    parser.add_argument("--json", action="store_true", help="end with one JSON line of the results")
    args = parser.parse_args()
    compiled = compile_rule(RULE)
    assert compiled(DATA) == evaluate(RULE, DATA)
    baseline = rate(lambda: evaluate(RULE, DATA), args.seconds)
    fast = rate(lambda: compiled(DATA), args.seconds)
    print(f"compile every call : {baseline:10,.0f} evaluations/s")
    print(f"compiled once      : {fast:10,.0f} evaluations/s")
    print(f"ratio              : {fast / baseline:10.1f}x")
    if args.json:
        print(json.dumps({"bench": "logic", "rows": [{
            "measure": "20-condition JsonLogic rule", "ours": round(fast), "baseline": round(baseline),
            "unit": "evaluations/s", "ratio": f"{fast / baseline:.1f}× faster", "goal": "—", "met": None}]}))


if __name__ == "__main__":
    main()
