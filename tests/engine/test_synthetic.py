"""The large synthetic item used by the benchmarks: current, valid, of the promised size, and reviewed
correctly at that size (every missing field and material reported at once)."""
import json

import pytest

from bench.make_synthetic import OUT, build, render
from bench.synthetic_applications import complete, garbage, half_filled
from runtime import logic
from runtime.engine.compiled_item import compile_item
from runtime.engine.prereview import prereview
from runtime.engine.validation import validate_definition

DOC = json.loads(OUT.read_text("utf-8"))


@pytest.fixture(scope="module")
def compiled():
    return compile_item(DOC)


def test_committed_file_is_what_the_generator_makes():
    assert OUT.read_text("utf-8") == render(build()), "run: .venv/bin/python bench/make_synthetic.py"


def test_valid_without_any_problem():
    assert validate_definition(DOC) == []


def test_promised_size():
    fields = [f for s in DOC["form"]["steps"] for f in s["fields"]]
    all_fields = fields + [sub for f in fields for sub in f.get("fields", [])]
    assert len(all_fields) >= 300 and len(DOC["form"]["steps"]) >= 10
    assert len(DOC["rules"]) >= 60 and len(DOC["materials"]) >= 40 and len(DOC["fees"]) >= 10
    assert sum("visible_if" in f or "required_if" in f for f in fields) >= 80
    assert sum("required_if" in m for m in DOC["materials"]) >= 15
    assert {f["type"] for f in all_fields} >= {"text", "textarea", "number", "money", "date", "select", "radio",
                                               "checkbox_group", "yes_no", "id_card", "uscc", "mobile", "region",
                                               "group", "declaration"}


def test_complete_application_is_acceptable_with_fees(compiled):
    result = prereview(compiled, complete(DOC))
    assert result.outcome == "acceptable" and result.findings == []
    # Conditions of all 12 fees are met: 6 flat fees of 5000 fen, 6 of 10 m² × 150 fen.
    assert result.fee_total_fen == 6 * 5000 + 6 * 1500


def test_half_filled_reports_every_missing_field_and_material_at_once(compiled):
    app = half_filled(DOC)
    result = prereview(compiled, app)
    # Independently: required fields of the unanswered steps that are visible regardless of answers.
    empty_steps = DOC["form"]["steps"][1::2]
    want_fields = {f["id"] for s in empty_steps for f in s["fields"]
                   if f.get("required") and "visible_if" not in f and f["type"] != "declaration"}
    got_fields = {f.target["field"] for f in result.findings if f.code == "field.required"}
    assert got_fields == want_fields and len(want_fields) >= 40
    # Required materials whose condition holds on the answers given (evaluated with plain JsonLogic).
    ctx = {"answers": app["answers"]}
    want_materials = {m["id"] for m in DOC["materials"] if m["necessity"] == "required"
                      and ("required_if" not in m or logic.truthy(logic.evaluate(m["required_if"], ctx)))}
    got_materials = {f.target["material"] for f in result.findings if f.code == "material.missing"}
    assert got_materials == want_materials and len(want_materials) >= 20
    assert result.outcome == "needs_correction"


def test_garbage_never_raises(compiled):
    result = prereview(compiled, garbage())
    assert result.outcome == "needs_correction"
