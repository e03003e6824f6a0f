"""Efficiency statistics for a centre (电子监察, 效能统计): applications per item and department per month,
pre-review outcomes, the materials applicants most often lack (to improve the guides), and handling time
against the promised limit. Pure: the web layer loads plain rows, this module only counts."""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from statistics import median

from runtime.engine.messages import render
from runtime.engine.workdays import CalendarRangeError, WorkCalendar

from .transitions import STATUS_LABELS

TOP_MATERIALS = 5


@dataclass(frozen=True)
class Case:
    item: str                    # item name
    department: str
    submitted_on: date | None
    status: str
    accepted_on: date | None = None
    completed_on: date | None = None
    promised_date: date | None = None


@dataclass(frozen=True)
class Review:
    """One automatic pre-review (every submission attempt counts)."""
    item: str
    outcome: str
    missing: tuple = ()          # material names


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

    @property
    def on_time_share(self) -> list:
        return [(h["item"], h["percent"]) for h in self.handling]


def month_range(start: date, end: date) -> list[str]:
    months, year, month = [], start.year, start.month
    while (year, month) <= (end.year, end.month):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def _days_used(calendar: WorkCalendar, start: date, end: date) -> int:
    try:
        return calendar.working_days_between(start, end)
    except CalendarRangeError:
        return (end - start).days


def compute(cases: list[Case], reviews: list[Review], *, start: date, end: date,
            calendar: WorkCalendar) -> Statistics:
    months = month_range(start, end)
    index = {m: i for i, m in enumerate(months)}
    per_month: dict = defaultdict(lambda: [0] * len(months))
    per_item: Counter = Counter()
    decisions: Counter = Counter()
    in_range = [c for c in cases if c.submitted_on and start <= c.submitted_on <= end]
    for c in in_range:
        per_month[c.department][index[c.submitted_on.strftime("%Y-%m")]] += 1
        per_item[c.item] += 1
        decisions[STATUS_LABELS.get(c.status, c.status)] += 1

    outcomes = Counter(render(f"outcome.{r.outcome}") for r in reviews if r.outcome)
    missing: dict = defaultdict(Counter)
    for r in reviews:
        missing[r.item].update(r.missing)

    handling = []
    by_item: dict = defaultdict(list)
    for c in in_range:
        if c.accepted_on and c.completed_on:
            by_item[c.item].append(c)
    for item, done in sorted(by_item.items()):
        on_time = sum(1 for c in done if c.promised_date is None or c.completed_on <= c.promised_date)
        handling.append({"item": item, "completed": len(done), "on_time": on_time,
                         "percent": round(100 * on_time / len(done)),
                         "median_days": median(_days_used(calendar, c.accepted_on, c.completed_on) for c in done)})

    return Statistics(months=months, per_month=dict(sorted(per_month.items())), per_item=per_item.most_common(),
                      outcomes=outcomes.most_common(), decisions=decisions.most_common(),
                      missing={item: counts.most_common(TOP_MATERIALS) for item, counts in sorted(missing.items())
                               if counts},
                      handling=handling, total=len(in_range))
