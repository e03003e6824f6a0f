"""bench/run_all.py reads the printed tables of bench_portal.py and bench_documents.py: the parsers must
follow their formats (a bench that changes its output would otherwise drop out of the one table)."""
from bench.run_all import documents_rows, portal_rows

PORTAL = """bare Flask page        2400 req/s   100.0 % of bare   (rounds: 2380–2421)
catalogue               400 req/s    16.7 % of bare   (rounds: 392–400)
application step        600 req/s    25.0 % of bare   (rounds: 588–610)
TARGET MISSED: application step at 25.0 % of the bare page (goal ≥ 50 %)
"""
DOCUMENTS = """document                      wall s   cpu s  x plain  peak MB  PDF KB  pages
plain (baseline)               0.095   0.093      1.0      109       4      2
one_time_notice                0.090   0.090      1.0      130     120      1
guide                          0.293   0.327      3.5      135     300      3
guide (full Noto fonts)        1.026   0.415      4.5      211     700      3
"""


def test_portal_rows():
    rows = {r["measure"].split(" (")[0]: r for r in portal_rows(PORTAL)}
    assert rows["application step"]["met"] is False and rows["application step"]["ratio"] == "25.0 % of bare"
    assert rows["catalogue"]["met"] is None and rows["catalogue"]["baseline"] == 2400


def test_documents_rows_gate_cpu_time_and_memory_of_the_gated_kinds():
    rows = {r["measure"]: r for r in documents_rows(DOCUMENTS)}
    assert rows["PDF one_time_notice: warm median CPU time"]["met"] is True
    assert rows["PDF guide: warm median CPU time"]["met"] is False          # 0.327 s > 0.3 s
    assert rows["PDF guide: peak memory"]["met"] is True                    # 135 MB within the budget
    assert rows["PDF guide (full Noto fonts): peak memory"]["met"] is None  # comparison only
