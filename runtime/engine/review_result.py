"""The pre-review result: plain data shared by the web pages, the CLI and the PDF documents.

The shape of ``to_dict()`` is documented in ``docs/prereview.md``; pages and PDFs render from
the same object so they cannot disagree.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field as dc_field

from .messages import render

BLOCKING = "blocking"
TOLERATED = "tolerated"
WARNING = "warning"

ACCEPTABLE = "acceptable"
TOLERATED_ACCEPTANCE = "tolerated"
NEEDS_CORRECTION = "needs_correction"


@dataclass
class Finding:
    id: str                 # stable: "field:<id>:<code>", "material:<id>:<code>", "rule:<id>" …
    kind: str               # field | applicant | material | rule | fee | deadline
    code: str               # message code (runtime/engine/messages.py)
    severity: str           # blocking | tolerated | warning
    message: str            # Chinese, rendered
    target: dict = dc_field(default_factory=dict)   # {"field": id, "path": "answers.x"} | {"material": id}
    params: dict = dc_field(default_factory=dict)
    requirement: dict | None = None                  # for materials: what exactly to supply

    @property
    def severity_label(self) -> str:
        return render(f"severity.{self.severity}")

    def to_dict(self) -> dict:
        data = asdict(self)
        data["severity_label"] = self.severity_label
        return data


@dataclass
class MaterialLine:
    id: str
    name: str
    necessity: str
    reason: str
    status: str   # provided | invalid | shared | pledged | received | bring_paper | missing | tolerated | optional_missing
    files: int
    requirement: dict

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class FeeLine:
    id: str
    name: str
    amount_fen: int | None
    standard: str
    basis: str
    reduction: dict | None

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class Deadlines:
    received_on: str
    unit: str | None = None
    promised_days: int | None = None
    promised_date: str | None = None
    legal_days: int | None = None
    legal_date: str | None = None
    notice_due: str | None = None      # one-time notice due (art. 32: 5 working days)
    error: str | None = None

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class PreReviewResult:
    item: dict
    outcome: str
    findings: list
    materials: list
    fees: list
    fee_total_fen: int
    deadlines: Deadlines
    computed: dict
    visible_fields: list
    ignored_answers: list

    @property
    def outcome_label(self) -> str:
        return render(f"outcome.{self.outcome}")

    @property
    def blocking(self) -> list:
        return [f for f in self.findings if f.severity == BLOCKING]

    def to_dict(self) -> dict:
        return {
            "item": self.item,
            "outcome": self.outcome,
            "outcome_label": self.outcome_label,
            "findings": [f.to_dict() for f in self.findings],
            "materials": [m.to_dict() for m in self.materials],
            "fees": {"items": [f.to_dict() for f in self.fees], "total_fen": self.fee_total_fen},
            "deadlines": self.deadlines.to_dict(),
            "computed": self.computed,
            "visible_fields": self.visible_fields,
            "ignored_answers": self.ignored_answers,
        }
