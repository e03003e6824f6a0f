"""Hostile definitions against the engine's cost limits (issue #17 §1), at the large synthetic item's scale.

1. Each hostile expression, put into the synthetic item as a rule and as a visible_if, must be refused by
   validation (schema + lint) within 1 s; and, compiled without validation as if published before the
   limits existed, pre-review must still end within 1 s, with a finding.
2. The costliest definition lint lets through — the synthetic item plus rules that fill the definition's cost
   limit (runtime/logic/limits.py) — must pre-review in ≤ 50 ms (median) per application.

Baseline: the synthetic item itself, in the same run. Usage: .venv/bin/python bench/bench_hostile.py
[--rounds 30] [--json]. Exits 1 and prints TARGET MISSED lines when a goal is missed.
"""
from __future__ import annotations

import argparse
import copy
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.synthetic_applications import complete  # noqa: E402
from runtime.engine.compiled_item import compile_item  # noqa: E402
from runtime.engine.definition_index import DefinitionIndex  # noqa: E402
from runtime.engine.prereview import prereview  # noqa: E402
from runtime.engine.validation import validate_definition  # noqa: E402
from runtime.logic.limits import MAX_DEFINITION_COST, estimated_cost  # noqa: E402

SYNTHETIC = ROOT / "item_defs/synthetic/large-synthetic.json"
MAX_REFUSE_S, MAX_PREREVIEW_MS = 1.0, 50.0
ACC = {"var": "accumulator"}
R1000 = list(range(1000))


def _deep(levels):
    rule = {"var": "answers.x"}
    for _ in range(levels):
        rule = {"!": rule}
    return rule


HOSTILE = {
    "string doubled 40 times": {"reduce": [list(range(40)), {"cat": [ACC, ACC]}, "x"]},
    "array doubled 40 times": {"reduce": [list(range(40)), [ACC, ACC], 1]},
    "three nested some over 1000": {"some": [R1000, {"some": [R1000, {"some": [R1000, False]}]}]},
    "two nested some over 1000": {"some": [R1000, {"some": [R1000, False]}]},
    "100,000-deep nesting": _deep(100_000),
}


def _with_rule(doc, rule, where):
    doc = copy.deepcopy(doc)
    if where == "rule":
        doc["rules"].append({"id": "hostile", "when": rule, "message": "x", "severity": "warning"})
    else:
        doc["form"]["steps"][0]["fields"][0]["visible_if"] = rule
    return doc


def _fill_cost(doc):
    """The synthetic item plus warning rules until the definition's estimated cost is just within the limit."""
    doc = copy.deepcopy(doc)
    field = next(f["id"] for f in doc["form"]["steps"][0]["fields"] if f["type"] == "text")
    loop = {"some": [list(range(60)), {"some": [list(range(60)), {"==": [{"var": ""}, -1]}]}]}
    rule = {"and": [{"var": f"answers.{field}"}, loop]}
    sites = DefinitionIndex.build(doc).logic_sites
    used = sum(estimated_cost(s.expr) * (2 if s.key == "visible_if" else 1) for s in sites)
    for i in range((MAX_DEFINITION_COST - used) // estimated_cost(rule)):
        doc["rules"].append({"id": f"costly_{i}", "when": rule, "message": "x", "severity": "warning"})
    return doc


def _median_ms(fn, rounds):
    out = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        out.append((time.perf_counter() - start) * 1000)
    return statistics.median(out)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    base = json.loads(SYNTHETIC.read_text("utf-8"))
    app = complete(base)
    failed, rows = [], []
    validate_definition(base)
    start = time.perf_counter()
    validate_definition(base)
    print(f"validating the synthetic item itself (no hostile expression): {time.perf_counter() - start:.3f} s")

    print(f"{'hostile expression':30} {'where':10} {'refused in s':>12} {'pre-review in s':>16}  finding")
    for name, rule in HOSTILE.items():
        for where in ("rule", "visible_if"):
            doc = _with_rule(base, rule, where)
            start = time.perf_counter()
            errors = [p for p in validate_definition(doc) if p.severity == "error"]
            refused = time.perf_counter() - start
            if name.startswith("100,000"):
                ran, finding = 0.0, "(not compilable: refused as schema.too_deep)"
            else:
                item = compile_item(doc, validate=False)
                start = time.perf_counter()
                result = prereview(item, app)
                ran = time.perf_counter() - start
                finding = next((f.code for f in result.findings
                                if f.code in ("condition.error", "rule.message_error")), "NONE")
            print(f"{name:30} {where:10} {refused:12.3f} {ran:16.3f}  {errors[0].code if errors else 'NOT REFUSED'}"
                  f" / {finding}")
            if not errors or refused > MAX_REFUSE_S or ran > MAX_REFUSE_S or finding == "NONE":
                failed.append(f"{name} in a {where}: refused={bool(errors)} in {refused:.2f} s, "
                              f"pre-review {ran:.2f} s, finding {finding}")
            rows.append({"measure": f"hostile: {name} ({where}), refused in (s)", "ours": round(max(refused, ran), 3),
                         "baseline": None, "unit": "s", "ratio": "—", "goal": f"≤ {MAX_REFUSE_S:g} s",
                         "met": bool(errors) and max(refused, ran) <= MAX_REFUSE_S})

    costly = _fill_cost(base)
    errors = [p for p in validate_definition(costly) if p.severity == "error"]
    item, plain = compile_item(costly, validate=False), compile_item(base)
    for _ in range(3):
        prereview(item, app)
    ours, baseline = _median_ms(lambda: prereview(item, app), args.rounds), _median_ms(lambda: prereview(plain, app),
                                                                                       args.rounds)
    print()
    print(f"costliest lint-passing definition ({len(costly['rules']) - len(base['rules'])} costly rules added; "
          f"lint errors: {len(errors)}): pre-review median {ours:.1f} ms (synthetic item alone {baseline:.1f} ms)")
    if errors or ours > MAX_PREREVIEW_MS:
        failed.append(f"costliest lint-passing definition: lint errors {len(errors)}, median {ours:.1f} ms")
    rows.append({"measure": "pre-review, costliest lint-passing definition (median ms)", "ours": round(ours, 1),
                 "baseline": round(baseline, 1), "unit": "ms", "ratio": f"{ours / baseline:.1f}× the synthetic item",
                 "goal": f"≤ {MAX_PREREVIEW_MS:g} ms", "met": not errors and ours <= MAX_PREREVIEW_MS})
    print()
    for message in failed:
        print("TARGET MISSED:", message)
    if not failed:
        print(f"targets met: every hostile definition refused in ≤ {MAX_REFUSE_S:g} s; the costliest lint-passing one "
              f"pre-reviews in ≤ {MAX_PREREVIEW_MS:g} ms")
    if args.json:
        print(json.dumps({"bench": "hostile", "rows": rows}))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
