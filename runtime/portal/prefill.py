"""``prefill``: a step field takes a value from the applicant page (``applicant.name`` …) until the
applicant answers it. Only fields never answered are filled — a value the applicant cleared or changed
stays theirs. Saving the applicant page stores the filled values (so the pre-review and the check page
see what the steps show, even if the applicant never opens a step); a step page shows them too."""
from __future__ import annotations

from runtime.engine.definition_index import APPLICANT_KEYS


def prefilled(fields, answers: dict, applicant: dict) -> dict:
    """``answers`` plus the applicant's values for the unanswered ``prefill`` fields among ``fields``."""
    filled = None
    for field in fields:
        source = field.check.spec.get("prefill") or ""
        key = source.removeprefix("applicant.")
        if field.id in answers or not source.startswith("applicant.") or key not in APPLICANT_KEYS:
            continue
        value = (applicant or {}).get(key)
        if value not in (None, ""):
            filled = filled if filled is not None else dict(answers)
            filled[field.id] = value
    return answers if filled is None else filled
