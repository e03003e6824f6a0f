"""Answers as a person reads them (the clerk's case file, printed summaries): labels instead of field ids,
option labels instead of codes, 是/否, yuan and dates in Chinese, repeating groups as rows. Values are read
through the same coercion as the pre-review, so what is shown is what was checked; a value that does not
coerce is shown as typed, never dropped."""
from __future__ import annotations

from dataclasses import dataclass, field

from .fields import build_check, is_empty


@dataclass
class AnswerLine:
    label: str
    text: str = ""
    rows: list = field(default_factory=list)        # group fields: [[AnswerLine …] per row]
    step: str = ""


def _date(value: str) -> str:
    y, m, d = value[:10].split("-")
    return f"{int(y)}年{int(m)}月{int(d)}日"


def format_value(spec: dict, raw) -> str:
    value, problem = build_check(spec).coerce(raw)
    if problem is not None or value is None:
        return "" if raw is None else str(raw)
    options = {o["value"]: o["label"] for o in spec.get("options", [])}
    kind = spec["type"]
    if kind in ("yes_no", "declaration"):
        return "是" if value else "否"
    if kind == "money":
        return f"{value / 100:,.2f} 元"
    if kind == "date":
        return _date(value)
    if kind in ("select", "radio"):
        return options.get(value, str(value))
    if kind == "checkbox_group":
        return "、".join(options.get(v, str(v)) for v in value)
    text = str(value)
    return f"{text} {spec['unit']}" if spec.get("unit") and kind == "number" else text


def answer_lines(definition: dict, answers: dict) -> list[AnswerLine]:
    """Every answered field in form order; answers to fields no longer in this version come last, by id."""
    lines, known = [], set()
    for step in definition.get("form", {}).get("steps", []):
        for spec in step.get("fields", []):
            known.add(spec["id"])
            raw = answers.get(spec["id"])
            if is_empty(raw):
                continue
            if spec["type"] == "group" and isinstance(raw, list):
                rows = [[AnswerLine(sub["label"], format_value(sub, row.get(sub["id"])))
                         for sub in spec.get("fields", []) if isinstance(row, dict) and not is_empty(row.get(sub["id"]))]
                        for row in raw]
                lines.append(AnswerLine(spec["label"], rows=rows, step=step.get("title", "")))
            else:
                lines.append(AnswerLine(spec["label"], format_value(spec, raw), step=step.get("title", "")))
    for key in sorted(set(answers) - known):
        if not is_empty(answers[key]):
            lines.append(AnswerLine(key, str(answers[key])))
    return lines
