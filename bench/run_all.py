"""Every benchmark in one command, each in its own process, and one table of what each measured
against its baseline in the same run: bench, measure, ours, baseline, ratio, goal, met.

Benches that take ``--json`` end their output with one JSON line of rows; the output of
bench_portal.py and bench_documents.py (maintained elsewhere) is read from their printed tables.

Usage: .venv/bin/python bench/run_all.py [--quick] [--only NAME …] [--markdown]
  --quick      fewer rounds and shorter load runs (a smoke test of the suite, not for the record)
  --markdown   print the table as Markdown (for bench/RESULTS.md)
Exit status 1 when a goal was missed or a bench failed.
"""
from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY = str(ROOT / ".venv" / "bin" / "python")

# name: (script, arguments, quick arguments)
BENCHES = {
    "logic": ("bench_logic.py", ["--json"], ["--seconds", "0.5"]),
    "prereview": ("bench_prereview.py", ["--json"], ["--rounds", "50", "--baseline-rounds", "5"]),
    "hostile": ("bench_hostile.py", ["--json"], ["--rounds", "10"]),
    "portal": ("bench_portal.py", ["--rounds", "5"], ["--seconds", "2", "--rounds", "2"]),
    "documents": ("bench_documents.py", [], ["--rounds", "2"]),
    "signing": ("bench_signing.py", ["--json"], ["--rounds", "3"]),
    "exchange": ("bench_exchange.py", ["--json"], []),
    "export": ("bench_export.py", ["--json"], ["--items", "4000"]),
    "sweep": ("bench_sweep.py", ["--json"], ["--versions", "4000"]),
    "catalogue_search": ("bench_catalogue_search.py", ["--json"], ["--seconds", "1", "--rounds", "1"]),
    "scale": ("bench_scale.py", ["--json"], ["--requests", "3"]),
    "designer_open": ("bench_designer_open.py", ["--json"], ["--rounds", "2"]),
    "designer": ("bench_designer.py", ["--json"], []),
    "abuse": ("bench_abuse.py", ["--json", "--seconds", "10"], ["--seconds", "2"]),
}
TIMEOUT_S = 900
TIMEOUTS_S = {"scale": 2400}   # its first run builds the province-sized database (reused afterwards)


def json_rows(output: str) -> list[dict]:
    for line in reversed(output.strip().splitlines()):
        if line.startswith("{") and '"rows"' in line:
            return json.loads(line)["rows"]
    raise ValueError("no JSON result line")


def portal_rows(output: str) -> list[dict]:
    """bench_portal.py prints `<name> <rate> req/s <pct> % of bare` per page."""
    rates = {m.group(1).strip(): float(m.group(2))
             for m in re.finditer(r"^(.+?)\s+(\d+) req/s\s+[\d.]+ % of bare", output, re.M)}
    bare = rates.pop("bare Flask page")
    rows = []
    for name, rate in rates.items():
        step = name == "application step"
        rows.append({"measure": f"{name} (gunicorn, keep-alive clients)", "ours": rate, "baseline": bare,
                     "unit": "req/s", "ratio": f"{rate / bare * 100:.1f} % of bare",
                     "goal": "≥ 50 % of bare" if step else "—", "met": rate / bare >= 0.5 if step else None})
    return rows


def documents_rows(output: str) -> list[dict]:
    """bench_documents.py prints `<label> <wall s> <cpu s> <x plain> <peak MB> <PDF KB> <pages>` per document;
    its goals are CPU time ≤ 0.3 s (wall time on a shared machine mostly measures waiting for a core) and the
    memory budget, both for the six gated kinds (the other rows are for comparison)."""
    budget = re.search(r"^MEMORY_BUDGET_MB = (\d+)", (ROOT / "bench/bench_documents.py").read_text(), re.M)
    budget_mb = int(budget.group(1)) if budget else None
    table = {}
    for m in re.finditer(r"^(\S.*?)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+(\d+)\s+(\d+)\s+(\d+)$", output, re.M):
        table[m.group(1)] = (float(m.group(3)), float(m.group(4)), int(m.group(5)))
    base_cpu, _x, base_mb = table.pop("plain (baseline)")
    rows = []
    for label, (cpu, times_plain, peak) in table.items():
        gated = " " not in label
        rows.append({"measure": f"PDF {label}: warm median CPU time", "ours": cpu, "baseline": base_cpu, "unit": "s",
                     "ratio": f"{times_plain:.1f}× plain", "goal": "≤ 0.3 s" if gated else "—",
                     "met": cpu <= 0.3 if gated else None})
        rows.append({"measure": f"PDF {label}: peak memory", "ours": peak, "baseline": base_mb, "unit": "MB",
                     "ratio": f"{peak / base_mb:.1f}× plain", "goal": f"≤ {budget_mb} MB" if gated and budget_mb else "—",
                     "met": peak <= budget_mb if gated and budget_mb else None})
    return rows


PARSERS = {"portal": portal_rows, "documents": documents_rows}


def run(name: str, quick: bool) -> tuple[list[dict], str | None, float]:
    script, args, quick_args = BENCHES[name]
    start = time.perf_counter()
    try:
        out = subprocess.run([PY, str(ROOT / "bench" / script), *args, *(quick_args if quick else [])], cwd=ROOT,
                             capture_output=True, text=True, timeout=TIMEOUTS_S.get(name, TIMEOUT_S))
    except subprocess.TimeoutExpired:
        return [], f"timed out after {TIMEOUTS_S.get(name, TIMEOUT_S)} s", time.perf_counter() - start
    elapsed = time.perf_counter() - start
    try:
        rows = PARSERS.get(name, json_rows)(out.stdout)
    except (ValueError, KeyError, json.JSONDecodeError) as exc:
        tail = (out.stderr or out.stdout).strip().splitlines()[-3:]
        return [], f"exit {out.returncode}, unreadable output ({exc}): {' | '.join(tail)}", elapsed
    # A non-zero exit with readable rows is a missed goal, which the rows already say.
    return rows, None, elapsed


def number(value) -> str:
    if isinstance(value, float):
        return f"{value:,.2f}" if value < 10 else f"{value:,.1f}" if value < 100 else f"{value:,.0f}"
    return f"{value:,}" if isinstance(value, int) else str(value)


def met_text(met) -> str:
    return "—" if met is None else ("yes" if met else "NO")


def table(results: dict, markdown: bool) -> str:
    head = ("bench", "measure", "ours", "baseline", "ratio", "goal", "met")
    lines = []
    for name, (rows, _error, _elapsed) in results.items():
        for r in rows:
            unit = f" {r['unit']}" if r.get("unit") else ""
            lines.append((name, r["measure"], number(r["ours"]) + unit, number(r["baseline"]) + unit, r["ratio"],
                          r["goal"], met_text(r["met"])))
    if markdown:
        out = ["| " + " | ".join(head) + " |", "|" + " --- |" * len(head)]
        out += ["| " + " | ".join(cells) + " |" for cells in lines]
        return "\n".join(out)
    widths = [max(len(str(c)) for c in column) for column in zip(head, *lines)]
    fmt = "  ".join(f"{{:{'<' if i < 2 else '>'}{w}}}" for i, w in enumerate(widths))
    return "\n".join([fmt.format(*head), fmt.format(*("-" * w for w in widths))] + [fmt.format(*c) for c in lines])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--only", nargs="+", choices=list(BENCHES))
    parser.add_argument("--markdown", action="store_true")
    args = parser.parse_args()
    results = {}
    for name in args.only or BENCHES:
        print(f"running {name} …", file=sys.stderr, flush=True)
        results[name] = run(name, args.quick)
        print(f"  {name}: {results[name][2]:.0f} s" + (f" — FAILED: {results[name][1]}" if results[name][1] else ""),
              file=sys.stderr, flush=True)
    print(table(results, args.markdown))
    failed = [f"{n}: {e}" for n, (_r, e, _t) in results.items() if e]
    missed = [f"{n}: {r['measure']}" for n, (rows, _e, _t) in results.items() for r in rows if r["met"] is False]
    for line in failed:
        print("BENCH FAILED:", line)
    for line in missed:
        print("GOAL MISSED:", line)
    if not failed and not missed:
        print("every goal met")
    return 1 if failed or missed else 0


if __name__ == "__main__":
    sys.exit(main())
