"""The large synthetic item used by the benchmarks (bench/make_synthetic.py): current, valid and lint-clean,
of the promised size, and reviewed correctly at that size (every missing field and material reported at
once). Expected findings are derived here from the definition with a tiny evaluator of the few condition
shapes the generator writes, not with the engine's JsonLogic or pre-review code. No timing asserts."""
import json
from collections import Counter

import pytest

from bench.make_synthetic import DEPT_CODE, OUT, build, render
from bench.synthetic_applications import HUGE_NUMBER, complete, garbage, half_filled
from runtime.engine.compiled_item import compile_item
from runtime.engine.identifiers import is_valid_uscc
from runtime.engine.prereview import prereview
from runtime.engine.schema import definition_schema
from runtime.engine.validation import validate_definition

DOC = json.loads(OUT.read_text("utf-8"))
STEPS = DOC["form"]["steps"]
TOP_FIELDS = [f for s in STEPS for f in s["fields"]]
ALL_FIELDS = TOP_FIELDS + [sub for f in TOP_FIELDS for sub in f.get("fields", [])]


@pytest.fixture(scope="module")
def compiled():
    return compile_item(DOC)


def _ops(expr) -> set:
    if isinstance(expr, dict):
        return set(expr) | {op for v in expr.values() for op in _ops(v)}
    if isinstance(expr, list):
        return {op for v in expr for op in _ops(v)}
    return set()


def _holds(expr, answers) -> bool:
    """Truth of the generator's condition shapes: var / !! / in [var, list] / == [var, const]."""
    def val(node):
        if isinstance(node, dict) and set(node) == {"var"}:
            root, _, key = node["var"].partition(".")
            assert root == "answers", node
            return answers.get(key)
        assert not isinstance(node, dict), f"unexpected condition shape {node}"
        return node
    if set(expr) == {"var"}:
        return bool(val(expr))
    (op, args), = expr.items()
    if op == "!!":
        return bool(val(args))
    if op == "in":
        return val(args[0]) in val(args[1])
    if op == "==":
        return val(args[0]) == val(args[1])
    raise AssertionError(f"unexpected condition {expr}")


def _typed(app) -> dict:
    """Answers as the engine sees them for conditions: yes/no strings as booleans."""
    types = {f["id"]: f["type"] for f in TOP_FIELDS}
    return {k: (v == "true") if types[k] in ("yes_no", "declaration") else v for k, v in app["answers"].items()}


def test_committed_file_is_what_the_generator_makes():
    assert OUT.read_text("utf-8") == render(build()), "run: .venv/bin/python bench/make_synthetic.py"


def test_generator_is_deterministic():
    assert render(build()) == render(build())


def test_valid_with_zero_errors_and_zero_lint_problems():
    assert validate_definition(DOC) == []


def test_department():
    dept = DOC["implementation"]["department"]
    assert dept["name"].endswith("县数据局") and dept["code"] == DEPT_CODE and is_valid_uscc(DEPT_CODE)
    assert DOC["implementation"]["implementing_body"]["credit_code"] == DEPT_CODE


def test_promised_size():
    assert len(ALL_FIELDS) >= 300 and len(STEPS) >= 10
    all_types = set(definition_schema()["$defs"]["FieldType"]["enum"])
    assert {f["type"] for f in ALL_FIELDS} == all_types and len(all_types) == 17
    assert sum("visible_if" in f or "required_if" in f for f in ALL_FIELDS) >= 80
    assert len(DOC["form"]["computed"]) >= 1
    rules = DOC["rules"]
    assert len(rules) >= 60
    assert {r["severity"] for r in rules} == {"blocking", "tolerated", "warning"}
    assert any("field" in r.get("target", {}) for r in rules) and any("material" in r.get("target", {}) for r in rules)
    rule_ops = set().union(*(_ops(r["when"]) for r in rules))
    assert rule_ops >= {"and", "or", "in", "missing", "==", "<", ">", "!", "!!",
                        "length", "days_between", "valid_id_card", "age_from_id"}
    assert len(DOC["materials"]) >= 40 and sum("required_if" in m for m in DOC["materials"]) >= 15
    fees = DOC["fees"]
    assert len(fees) >= 10 and all("condition" in f for f in fees)
    assert any(isinstance(f["amount"], dict) for f in fees) and any(isinstance(f["amount"], int) for f in fees)


def test_complete_application_is_acceptable_with_fees(compiled):
    result = prereview(compiled, complete(DOC))
    assert result.outcome == "acceptable" and result.findings == []
    # Every fee condition (a yes/no answered 是) holds: 6 flat fees of 5000 fen, 6 of 10 units × 150 fen.
    assert len(result.fees) == 12 and result.fee_total_fen == 6 * 5000 + 6 * 10 * 150


def test_half_filled_reports_every_missing_field_and_material_at_once(compiled):
    app = half_filled(DOC)
    answers = _typed(app)
    want = Counter()
    for step in STEPS:
        assert "visible_if" not in step
        for f in step["fields"]:
            visible = "visible_if" not in f or _holds(f["visible_if"], answers)
            required = f.get("required") or ("required_if" in f and _holds(f["required_if"], answers))
            if visible and required and f["id"] not in answers:
                want["field.declaration" if f["type"] == "declaration" else "field.required", f["id"]] += 1
    for m in DOC["materials"]:
        applies = "required_if" not in m or _holds(m["required_if"], answers)
        if applies and m["media"] != "paper" and m["necessity"] in ("required", "tolerated"):
            want["material.missing" if m["necessity"] == "required" else "material.tolerated", m["id"]] += 1

    result = prereview(compiled, app)
    got = Counter((f.code, f.target.get("field") or f.target.get("material")) for f in result.findings)
    assert got == want
    blocking = [f for f in result.findings if f.severity == "blocking"]
    assert len(blocking) == sum(n for (code, _), n in want.items() if code != "material.tolerated")
    assert len(want) >= 80  # 54 fields + 1 declaration + 31 required and 4 tolerated materials when written
    assert result.outcome == "needs_correction"


def test_garbage_never_raises(compiled):
    for app in (garbage(DOC), garbage(), {}, None, [], "x"):
        result = prereview(compiled, app)
        assert result.outcome == "needs_correction"
        json.dumps(result.to_dict(), ensure_ascii=False)


@pytest.mark.parametrize("huge", [HUGE_NUMBER, "1e100000", "1e10000000", 10 ** 5000],
                         ids=["1e5000", "1e100000", "1e10000000", "int-5001-digits"])
def test_huge_number_answers_are_refused_quickly_not_raised(compiled, huge):
    app = complete(DOC)
    app["answers"]["s01_f01"] = huge  # the r01_count rule would show the value in its message
    result = prereview(compiled, app)
    assert "field:answers.s01_f01:field.type" in {f.id for f in result.findings}
