"""Efficiency statistics for a centre (电子监察, 效能统计): applications per item and department per month,
pre-review outcomes, the materials applicants most often lack (to improve the guides), and handling time
against the promised limit. Pure: the web layer sums the rollups (runtime/casework/rollups.py) in SQL and
passes the sums here; this module shapes them for the page. Long lists keep their largest entries and
add up the rest in one "其他" entry, so every chart's total stays exact at any scale."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from runtime.engine.messages import render

from .transitions import STATUS_LABELS

TOP_MATERIALS = 5
TOP_DEPARTMENTS = 12   # series of the month chart; the others are summed in one
TOP_ITEMS = 20         # bars of the item chart, items with missing materials, rows of the handling table


@dataclass
class Statistics:
    months: list                                     # "2026-10", oldest first
    per_month: dict                                  # department -> [count per month]
    per_item: list                                   # [(item, count)], most first
    outcomes: list                                   # [(label, count)] of automatic pre-reviews
    decisions: list                                  # [(label, count)] current status of the cases
    missing: dict                                    # item -> [(material, count)], most first
    handling: list = field(default_factory=list)     # [{"item", "completed", "on_time", "percent", "median_days"}]
    total: int = 0
    by_department: bool = False                      # per_item and handling are per department (many departments)

    @property
    def on_time_share(self) -> list:
        return [(h["item"], h["percent"]) for h in self.handling]


def month_range(start: date, end: date) -> list[str]:
    months, year, month = [], start.year, start.month
    while (year, month) <= (end.year, end.month):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def per_month(rows, months: list[str], top: int = TOP_DEPARTMENTS) -> dict:
    """[(department, "YYYY-MM", count)] -> {department: [count per month]}: the ``top`` largest by total
    (ties by name), the others summed under "其他 N 个部门"."""
    index = {m: i for i, m in enumerate(months)}
    series: dict = defaultdict(lambda: [0] * len(months))
    for department, month, count in rows:
        if month in index:
            series[department][index[month]] += count
    ranked = sorted(series, key=lambda d: (-sum(series[d]), d))
    shown = {d: series[d] for d in sorted(ranked[:top])}
    rest = ranked[top:]
    if rest:
        shown[f"其他 {len(rest)} 个部门"] = [sum(series[d][i] for d in rest) for i in range(len(months))]
    return shown


def top_series(rows, month_totals, months: list[str], rest_label: str) -> dict:
    """Month series of the largest departments [(department, month, count)] (ranked in SQL) plus one series
    for all the others: the month totals [(month, count)] less the shown ones."""
    shown = per_month(rows, months, top=len({d for d, _m, _c in rows}))
    index = {m: i for i, m in enumerate(months)}
    rest = [0] * len(months)
    for month, count in month_totals:
        if month in index:
            rest[index[month]] += count
    for series in shown.values():
        rest = [r - c for r, c in zip(rest, series)]
    if any(rest):
        shown[rest_label] = rest
    return shown


def with_rest(pairs: list, total: int, label: str) -> list:
    """The largest entries [(name, count)] plus one entry for what they leave out of ``total``."""
    rest = total - sum(count for _name, count in pairs)
    return pairs + [(label, rest)] if rest > 0 else pairs


def labelled(counts: dict, labels) -> list:
    """{key: count} -> [(label, count)], most first, zero counts left out."""
    merged: dict = defaultdict(int)
    for key, count in counts.items():
        if count:
            merged[labels(key)] += count
    return sorted(merged.items(), key=lambda pair: (-pair[1], pair[0]))


def outcome_label(outcome: str) -> str:
    return render(f"outcome.{outcome}") if outcome else "未记录"


def status_label(status: str) -> str:
    return STATUS_LABELS.get(status, status)


def weighted_median(histogram: dict) -> float:
    """The median of values given as {value: how many times}."""
    n = sum(histogram.values())
    if not n:
        return 0
    middle, ordered, seen = ((n - 1) // 2, n // 2), sorted(histogram.items()), 0
    found = []
    for value, count in ordered:
        for position in middle:
            if seen <= position < seen + count:
                found.append(value)
        seen += count
    return found[0] if len(found) == 1 or found[0] == found[1] else (found[0] + found[1]) / 2


def handling(rows) -> list:
    """[(item, "days:on_time", count)] (the ``completed`` rollup) -> the handling table, by item name."""
    by_item: dict = defaultdict(lambda: defaultdict(int))
    on_time: dict = defaultdict(int)
    for item, key, count in rows:
        days, _, timely = key.partition(":")
        by_item[item][int(days)] += count
        on_time[item] += count if timely == "1" else 0
    out = []
    for item in sorted(by_item):
        done = sum(by_item[item].values())
        if done:
            out.append({"item": item, "completed": done, "on_time": on_time[item],
                        "percent": round(100 * on_time[item] / done), "median_days": weighted_median(by_item[item])})
    return out
