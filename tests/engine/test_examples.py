"""Every shipped example item validates without problems, and its fixture applications get exactly
the outcome, findings, fees and dates a clerk would work out by hand (deadlines counted on the 2026
holiday calendar: 2026-10-10 was a make-up working Saturday after National Day)."""
import json
from pathlib import Path

import pytest

from runtime.engine.compiled_item import compile_item
from runtime.engine.prereview import prereview
from runtime.engine.validation import validate_definition

ROOT = Path(__file__).resolve().parents[2]
ITEMS = sorted((ROOT / "item_defs").glob("*.json"))
FIXTURES = ROOT / "tests" / "fixtures" / "applications"

# stem -> case -> (outcome, finding ids, fee total in fen, promised date, legal date)
EXPECTED = {
    "individual-business-registration": {
        "complete": ("acceptable", set(), 0, "2026-10-09", "2026-10-13"),
        "tolerated": ("tolerated", {"material:premises_proof:tolerated"}, 0, "2026-10-09", "2026-10-13"),
        "missing": ("needs_correction", {
            "field:answers.operator_mobile:field.mobile", "field:answers.agent_name:field.required",
            "field:answers.business_scope:field.required", "material:family_relation_proof:missing",
            "material:agent_authorization:missing", "material:pre_approval:missing", "rule:agent_not_operator",
            "rule:large_workforce_hint"}, 0, "2026-10-09", "2026-10-13"),
    },
    "additional-birth-approval": {
        "complete": ("acceptable", set(), 0, "2026-10-22", "2026-11-19"),
        "tolerated": ("tolerated", {"material:village_certificate:tolerated"}, 0, "2026-10-22", "2026-11-19"),
        "missing": ("needs_correction", {
            "field:answers.marriage_date:field.required", "material:disability_diagnosis:missing",
            "material:divorce_proof:missing", "rule:same_person", "rule:disabled_child_listed"},
            0, "2026-10-22", "2026-11-19"),
    },
}
CASES = [(path.stem, case) for path in ITEMS for case in EXPECTED.get(path.stem, {"complete": None})]


@pytest.mark.parametrize("path", ITEMS, ids=[p.stem for p in ITEMS])
def test_example_is_valid_without_warnings(path):
    doc = json.loads(path.read_text("utf-8"))
    assert [(p.path, p.message) for p in validate_definition(doc)] == []
    assert any("required_if" in m for m in doc["materials"]), "examples show conditional materials"
    assert doc["rules"], "examples show pre-review rules"


@pytest.mark.parametrize("stem,case", CASES, ids=[f"{s}-{c}" for s, c in CASES])
def test_fixture_application(stem, case):
    assert stem in EXPECTED, f"add fixtures under tests/fixtures/applications/{stem}/ and expectations here"
    outcome, finding_ids, fee_total, promised, legal = EXPECTED[stem][case]
    compiled = compile_item(json.loads((ROOT / "item_defs" / f"{stem}.json").read_text("utf-8")))
    result = prereview(compiled, json.loads((FIXTURES / stem / f"{case}.json").read_text("utf-8")))
    assert result.outcome == outcome
    assert {f.id for f in result.findings} == finding_ids
    assert result.fee_total_fen == fee_total
    assert (result.deadlines.promised_date, result.deadlines.legal_date) == (promised, legal)
