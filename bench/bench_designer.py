"""Designer actions to build the reference item (issue 18): runs tests/browser/test_designer_reference_item.py,
where a department admin builds 食品经营许可证核发 (5 fields, 5 materials with two conditions and one 容缺, a
warning rule, a fee) in the designer and publishes it, counting every UI action (clicks, fills, choices, key
presses, drags). The baseline, from the same run, is the number of elements built (fields, options, materials,
conditions, rules, fees): the ratio says how many actions each element took.

Usage: .venv/bin/python bench/bench_designer.py [--json]
Goal: ≤ 80 actions (exit 1 if missed). Needs Chromium (/usr/bin/chromium), like the browser tests.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TEST = "tests/browser/test_designer_reference_item.py"
GOAL = 80


def measure() -> dict:
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "actions.json"
        command = [str(ROOT / ".venv" / "bin" / "python"), "-m", "pytest", TEST, "-q", "-p", "no:cacheprovider"]
        run = subprocess.run(command,
                             cwd=ROOT, capture_output=True, text=True,
                             env={**os.environ, "YIWANG_DESIGNER_ACTIONS": str(out)})
        if not out.exists():
            tail = (run.stdout + run.stderr).strip().splitlines()[-5:]
            raise SystemExit("the reference test did not finish: " + " | ".join(tail))
        counted = json.loads(out.read_text("utf-8"))
        counted["passed"] = run.returncode == 0  # the citizen's notice is checked after the count is written
        return counted


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    counted = measure()
    actions, elements = counted["actions"], counted["elements"]
    met = actions <= GOAL and counted["passed"]
    print(f"designer actions to build the reference item: {actions} ({elements} elements, "
          f"{actions / elements:.1f} per element); by kind {counted['by_kind']}; by step {counted['by_step']}"
          + ("" if counted["passed"] else " — the reference test FAILED after counting"))
    if args.json:
        print(json.dumps({"rows": [{"measure": "designer actions to build the reference item", "ours": actions,
                                    "baseline": elements, "unit": "", "ratio": f"{actions / elements:.1f} per element",
                                    "goal": f"≤ {GOAL} (test passes)", "met": met}]}, ensure_ascii=False))
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
