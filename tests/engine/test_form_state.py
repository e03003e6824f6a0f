"""form_state (what a step page needs) agrees with the full pre-review for every example item and
the synthetic item's applications: the same visible fields, the same fields reported required."""
import json
from datetime import date
from pathlib import Path

import pytest

from bench.synthetic_applications import complete, garbage, half_filled
from runtime.engine.compiled_item import compile_item
from runtime.engine.form_state import form_state, state_of
from runtime.engine.prereview import prereview

ITEM_DEFS = Path(__file__).resolve().parents[2] / "item_defs"
DEFINITIONS = sorted(ITEM_DEFS.glob("*.json")) + [ITEM_DEFS / "synthetic" / "large-synthetic.json"]
TODAY = date(2026, 12, 2)


@pytest.mark.parametrize("path", DEFINITIONS, ids=lambda p: p.stem)
@pytest.mark.parametrize("make", [complete, half_filled, garbage, lambda doc: {}], ids=["complete", "half", "garbage", "empty"])
def test_form_state_matches_the_pre_review(path, make):
    doc = json.loads(path.read_text("utf-8"))
    item = compile_item(doc)
    application = make(doc)
    full = state_of(prereview(item, application, today=TODAY, deadlines=False))
    state = form_state(item, application, today=TODAY)
    assert state == full
    assert state.visible_fields   # something is shown on every page


def test_a_condition_that_holds_marks_its_field():
    doc = json.loads((ITEM_DEFS / "individual-business-registration.json").read_text("utf-8"))
    item = compile_item(doc)
    family = form_state(item, {"answers": {"form_of_business": "family"}}, today=TODAY)
    alone = form_state(item, {"answers": {"form_of_business": "individual"}}, today=TODAY)
    assert "family_members" in family.visible_fields and "family_members" in family.required_missing
    assert "family_members" not in alone.visible_fields | alone.required_missing
    rows = form_state(item, {"answers": {"form_of_business": "family", "family_members": [{"name": "李四"}]}},
                      today=TODAY)
    assert "family_members" in rows.visible_fields and "family_members" not in rows.required_missing
