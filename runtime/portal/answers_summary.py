"""核对提交 as a real check-your-answers page: the applicant's answers by page, each page with its 修改
link, and every applicable material with its status and the names of the files uploaded for it.
Answers are read as a person reads them (runtime/engine/answer_display.py); only visible fields count,
the same ones the pre-review checked."""
from __future__ import annotations

from dataclasses import dataclass, field

from flask_babel import gettext as _

from runtime.engine.answer_display import AnswerLine, answer_lines
from runtime.engine.identifiers import mask_id_number

from .step_fields import applicant_labels
from .wizard import APPLICANT


@dataclass
class SummarySection:
    key: str                     # the page to change it on
    title: str
    lines: list = field(default_factory=list)   # AnswerLine


@dataclass
class MaterialLine:
    name: str
    status: str
    files: list


def _applicant(applicant: dict) -> list[AnswerLine]:
    values = dict(applicant)
    values["type"] = _("Organisation") if applicant.get("type") == "organization" else _("Individual")
    if values.get("id_number"):
        values["id_number"] = mask_id_number(values["id_number"])
    organisation = applicant.get("type") == "organization"
    return [AnswerLine(label, str(values[key])) for key, label in applicant_labels()
            if values.get(key) and (organisation or key not in ("credit_code", "legal_person"))]


def _masked(spec: dict, value):
    """ID numbers masked as on every web page (a group's rows too)."""
    if spec.get("type") == "id_card" and isinstance(value, str) and value:
        return mask_id_number(value)
    if spec.get("type") == "group" and isinstance(value, list):
        subs = spec.get("fields", [])
        return [{k: _masked(next((s for s in subs if s["id"] == k), {}), v) for k, v in row.items()}
                if isinstance(row, dict) else row for row in value]
    return value


def answer_sections(pages, application, visible) -> list[SummarySection]:
    """The applicant page and each visible step with its answers (``pages`` from wizard.pages)."""
    answers = application.answers or {}
    sections = []
    for page in pages:
        if page.key == APPLICANT:
            sections.append(SummarySection(page.key, page.title, _applicant(application.applicant or {})))
        elif page.step is not None:
            specs = [f.check.spec for f in page.step.fields if visible is None or f.id in visible]
            step = {"form": {"steps": [{"title": page.title, "fields": specs}]}}
            mine = {spec["id"]: _masked(spec, answers[spec["id"]]) for spec in specs if spec["id"] in answers}
            sections.append(SummarySection(page.key, page.title, answer_lines(step, mine)))
    return sections


def material_lines(result, application) -> list[MaterialLine]:
    """Each material the pre-review found applicable, with the file names uploaded for it."""
    names: dict[str, list] = {}
    for f in application.files or []:
        names.setdefault(f.material_id, []).append(f.original_name)
    return [MaterialLine(m.name, m.status, names.get(m.id, [])) for m in result.materials]
