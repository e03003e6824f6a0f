"""Properties of pre-review over arbitrary input (hypothesis)."""
import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings, strategies as st

from runtime.engine.compiled_item import compile_item
from runtime.engine.prereview import prereview
from tests.engine.factories import application, definition

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "item_defs").glob("*.json"))
ITEMS = [compile_item(definition())] + [compile_item(json.loads(p.read_text(encoding="utf-8"))) for p in EXAMPLES]

json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-10**15, 10**15) | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=30),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=12,
)
item_index = st.integers(min_value=0, max_value=len(ITEMS) - 1)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def field_ids(item):
    return list(item.fields)


@SETTINGS
@given(item_index, st.data())
def test_never_raises_on_arbitrary_answers(i, data):
    item = ITEMS[i]
    keys = st.sampled_from(field_ids(item)) | st.text(max_size=10)
    answers = data.draw(st.dictionaries(keys, json_values, max_size=12))
    materials = data.draw(st.dictionaries(st.sampled_from([m.id for m in item.materials]) | st.text(max_size=5),
                                          json_values, max_size=5))
    result = prereview(item, {"answers": answers, "materials": materials, "applicant": data.draw(json_values),
                              "licences": data.draw(json_values), "submitted_on": "2026-11-24"})
    json.dumps(result.to_dict(), ensure_ascii=False, allow_nan=False)  # strict JSON: no NaN/Infinity values
    assert result.outcome in ("acceptable", "tolerated", "needs_correction")
    assert len({f.id for f in result.findings}) == len(result.findings)


@SETTINGS
@given(item_index, st.data())
def test_every_invalid_visible_field_is_reported(i, data):
    """Break any subset of fields at once: each visible one gets its own finding in the same result."""
    item = ITEMS[i]
    candidates = [f for f in item.fields.values() if f.check.type in ("number", "money", "date", "id_card", "select",
                                                                        "radio", "mobile", "uscc", "yes_no")]
    if not candidates:
        return
    broken = data.draw(st.lists(st.sampled_from(candidates), unique_by=lambda f: f.id, min_size=1, max_size=8))
    bad_value = {"number": "不是数字", "money": "1.234", "date": "2026-02-30", "id_card": "123",
                 "select": "__no_such_option__", "radio": "__no_such_option__", "mobile": "12",
                 "uscc": "ABC", "yes_no": "也许"}
    answers = {f.id: bad_value[f.check.type] for f in broken}
    result = prereview(item, {"answers": answers, "submitted_on": "2026-11-24"})
    reported = {f.target.get("field") for f in result.findings if f.kind == "field"}
    for field in broken:
        if field.id in result.visible_fields:
            assert field.id in reported, field.id


def _valid_file(spec):
    electronic = spec.get("electronic") or {}
    fmt = (electronic.get("formats") or ["pdf"])[0]
    return {"name": f"x.{fmt}", "format": fmt, "size": 1024, "sha256": "a" * 64}


@SETTINGS
@given(item_index, st.data())
def test_providing_a_material_never_adds_a_finding(i, data):
    item = ITEMS[i]
    ids = [m.id for m in item.materials]
    provided = data.draw(st.lists(st.sampled_from(ids), unique=True, max_size=len(ids)))
    answers = data.draw(st.dictionaries(st.sampled_from(field_ids(item)), json_values, max_size=10))
    specs = {m.id: m.spec for m in item.materials}
    materials = {mid: {"files": [_valid_file(specs[mid])]} for mid in provided}
    before = prereview(item, {"answers": answers, "materials": materials, "submitted_on": "2026-11-24"})
    extra = data.draw(st.sampled_from(ids))
    materials = dict(materials, **{extra: {"files": [_valid_file(specs[extra])]}})
    after = prereview(item, {"answers": answers, "materials": materials, "submitted_on": "2026-11-24"})
    assert {f.id for f in after.findings} <= {f.id for f in before.findings}


def test_base_application_fixture_is_clean():
    assert prereview(ITEMS[0], application()).findings == []
