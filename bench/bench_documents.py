"""Document rendering: warm median time and peak memory per document kind, against a plain
document of the same size (Latin text, default font) rendered in the same run, each in a fresh
process so peak RSS is per kind.

Usage: .venv/bin/python bench/bench_documents.py [--rounds 5]
Goal (issue #5): warm median ≤ 0.3 s per document.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

WORKER = r'''
import json, resource, statistics, sys, time
sys.path.insert(0, ROOT)
from runtime.documents import DocumentContext, load_theme, render_html, render_pdf
from runtime.engine.compiled_item import compile_item
from runtime.engine.prereview import prereview
kind, rounds = sys.argv[1], int(sys.argv[2])
doc = json.load(open(ROOT + "/item_defs/construction-permit.json"))
case = "missing" if kind == "one_time_notice" else "complete"
app = json.load(open(ROOT + f"/tests/fixtures/applications/construction-permit/{case}.json"))
result = prereview(compile_item(doc), app).to_dict()
ctx = DocumentContext(number="秦建补字〔2026〕第0007号", issued_on="2026-10-09", applicant=app["applicant"], clerk="刘窗口")
theme = load_theme()
if kind == "plain":
    from weasyprint import HTML
    html = render_html("acceptance_notice", doc, result, ctx, theme)
    text_len = len(html)
    plain = "<html><body>" + "<p>" + ("Lorem ipsum dolor sit amet. " * (text_len // 28)) + "</p></body></html>"
    run = lambda: HTML(string=plain).write_pdf()
else:
    run = lambda: render_pdf(kind, doc, result, ctx, theme)
run()  # warm: fonts and templates loaded
times = []
for _ in range(rounds):
    start = time.perf_counter(); data = run(); times.append(time.perf_counter() - start)
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"median": statistics.median(times), "peak_mb": peak, "size_kb": len(data) / 1024}))
'''


def measure(kind: str, rounds: int) -> dict:
    out = subprocess.run([sys.executable, "-c", WORKER.replace("ROOT", repr(str(ROOT)), 1).replace(
        "ROOT + ", repr(str(ROOT)) + " + "), kind, str(rounds)], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    from runtime.documents import KINDS
    base = measure("plain", args.rounds)
    print(f"{'document':20} {'median s':>9} {'x plain':>8} {'peak MB':>8} {'PDF KB':>7}")
    print(f"{'plain (baseline)':20} {base['median']:9.3f} {1:8.1f} {base['peak_mb']:8.0f} {base['size_kb']:7.0f}")
    missed = []
    for kind in KINDS:
        r = measure(kind, args.rounds)
        print(f"{kind:20} {r['median']:9.3f} {r['median'] / base['median']:8.1f} {r['peak_mb']:8.0f} {r['size_kb']:7.0f}")
        if r["median"] > 0.3:
            missed.append(f"{kind}: {r['median']:.3f} s > 0.3 s")
    for m in missed:
        print("TARGET MISSED:", m)
    return 1 if missed else 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
