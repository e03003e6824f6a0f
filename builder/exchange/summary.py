"""The summary shown when an import has been applied: what happened to each item, and how long it took.
An import is all or nothing, so the outcome of every item follows from the plan and the choices."""
from __future__ import annotations

from dataclasses import dataclass, field

from runtime.engine.problems import has_errors

OUTCOMES = ("new", "updated", "identical", "skipped", "error")
OUTCOME_LABELS = {"new": "新增", "updated": "更新", "identical": "相同", "skipped": "跳过", "error": "错误"}


def outcome(entry, choice: str) -> str:
    """``error``: written as a draft although it has errors (such a definition is never published)."""
    if choice == "skip":
        return "identical" if entry.status == "identical" else "skipped"
    if entry.status == "invalid" or has_errors(entry.problems):
        return "error"
    return "new" if entry.item_id is None else "updated"


@dataclass
class ImportSummary:
    counts: dict = field(default_factory=lambda: dict.fromkeys(OUTCOMES, 0))
    drafts: int = 0
    published: int = 0
    base_drafts: int = 0     # base-item versions saved in drafts: they count as the base once published
    seconds: float = 0.0

    @classmethod
    def of(cls, entries, choices: dict, seconds: float) -> "ImportSummary":
        summary = cls(seconds=round(seconds, 1))
        for entry in entries:
            choice = choices.get(entry.source_code, entry.default_choice)
            summary.counts[outcome(entry, choice)] += 1
            summary.drafts += choice == "draft"
            summary.published += choice == "replace"
            summary.base_drafts += choice == "draft" and entry.base is not None
        return summary

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def text(self) -> str:
        """The CLI's line (the web page words it through Flask-Babel)."""
        parts = " / ".join(f"{OUTCOME_LABELS[k]} {self.counts[k]}" for k in OUTCOMES)
        return (f"{parts}(存为草稿 {self.drafts} 个,发布新版本 {self.published} 个),"
                f"共 {self.total} 个事项,用时 {self.seconds:.1f} 秒")

    def to_dict(self) -> dict:
        return {**self.counts, "drafts": self.drafts, "published": self.published, "base_drafts": self.base_drafts,
                "total": self.total, "seconds": self.seconds}
