"""What a form page needs of an application without a whole pre-review: the fields visible now and
the fields whose answer is required now but missing (a ``required_if`` that holds).

It is the first part of prereview() (the same coercion, context and visibility fixed point, so the
same answers), stopping before the checks, materials, rules and fees a step page does not show:
about a quarter of the work. ``tests/engine/test_form_state.py`` holds it equal to the full result
for every example item and the synthetic item's applications.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .compiled_item import CompiledItem
from .fields import is_empty
from .prereview import (_applicant, _coerce_answers, _evaluate_computed, _is_required, _licences,
                        _provided_materials, _settle_visibility)


@dataclass(frozen=True)
class FormState:
    visible_fields: frozenset
    required_missing: frozenset   # top-level fields a pre-review would report as "field.required"


def form_state(item: CompiledItem, application: dict, *, today: date) -> FormState:
    application = application if isinstance(application, dict) else {}
    answers, _ignored, problems = _coerce_answers(item, application.get("answers"))
    licences = _licences(application.get("licences"))
    ctx = {"answers": answers, "computed": {}, "applicant": _applicant(application.get("applicant")),
           "materials": _provided_materials(item, application.get("materials"), licences),
           "licences": licences, "today": today.isoformat()}
    visible = _settle_visibility(item, ctx, answers)
    _evaluate_computed(item, ctx)   # a required_if may use computed values
    missing = set()
    for step in item.steps:
        for field in step.fields:
            if (field.id in visible and field.id not in problems and field.check.type != "declaration"
                    and is_empty(answers.get(field.id)) and _is_required(field, ctx)):
                missing.add(field.id)
    return FormState(frozenset(visible), frozenset(missing))


def state_of(result) -> FormState:
    """The same from a full pre-review result (pages that have one already)."""
    missing = {f.target.get("field") for f in result.findings
               if f.kind == "field" and f.code == "field.required"
               and f.target.get("path") == f"answers.{f.target.get('field')}"}
    return FormState(frozenset(result.visible_fields), frozenset(missing))
