"""Every evaluation has a bounded cost (issue #17 §1): lint refuses definitions whose conditions could be
slow, and a condition that still runs out of budget becomes a finding, never an exception."""
import copy
import time

import pytest

from runtime.engine.compiled_item import compile_item
from runtime.engine.prereview import prereview
from runtime.engine.validation import validate_definition
from tests.engine.factories import application, definition

ACC = {"var": "accumulator"}
# A guard against hanging, not a speed test (bench/bench_hostile.py measures the ≤ 1 s goal): before the
# limits these ran out of memory or never finished; on a busy shared machine a fast run can still take seconds.
HANG = 10.0
R1000 = list(range(1000))
DOUBLING = {"reduce": [list(range(40)), {"cat": [ACC, ACC]}, "x"]}
NESTED_SOME = {"some": [R1000, {"some": [R1000, {"some": [R1000, {"var": "answers.has_agent"}]}]}]}


def deep(levels):
    rule = {"var": "answers.has_agent"}
    for _ in range(levels):
        rule = {"!": {"!": rule}}
    return rule


def with_visible_if(rule):
    doc = definition()
    doc["form"]["steps"][0]["fields"][4]["visible_if"] = rule
    return doc


@pytest.mark.parametrize("rule, code", [
    (DOUBLING, "lint.logic_growth"),
    ({"reduce": [list(range(40)), {"merge": [ACC, [{"var": "accumulator"}]]}, []]}, "lint.logic_growth"),
    (NESTED_SOME, "lint.logic_loop_nesting"),
    ({"in": [{"var": "answers.kind"}, R1000]}, "lint.logic_array_too_long"),
    (deep(20), "lint.logic_too_deep"),
    ({"or": [{"==": [{"var": "answers.kind"}, "a"]}] * 3000}, "lint.logic_too_large"),
    ({"some": [list(range(200)), {"some": [list(range(200)), {"==": [{"var": ""}, 3]}]}]}, "lint.logic_too_costly"),
])
def test_lint_refuses_costly_conditions(rule, code):
    started = time.perf_counter()
    problems = [p for p in validate_definition(with_visible_if(rule)) if p.code == code]
    assert time.perf_counter() - started < HANG
    assert problems and problems[0].severity == "error"
    assert problems[0].path.startswith("$.form.steps[0].fields[4].visible_if")


def test_a_definition_nested_absurdly_deep_is_one_clear_problem():
    started = time.perf_counter()
    [problem] = validate_definition(with_visible_if(deep(50_000)))
    assert time.perf_counter() - started < HANG
    assert (problem.path, problem.code, problem.severity) == ("$", "schema.too_deep", "error")
    assert "嵌套过深" in problem.message


def test_reasonable_loops_pass_lint():
    ok = {"some": [list(range(50)), {"some": [list(range(50)), {"==": [{"var": ""}, 3]}]}]}
    total = {"reduce": [[1, 2, 3], {"+": [ACC, {"var": "current"}]}, 0]}
    joined = {"reduce": [["a", "b"], {"cat": [ACC, {"var": "current"}]}, ""]}
    for rule in (ok, total, joined):
        costly = [p for p in validate_definition(with_visible_if({"and": [{"var": "answers.has_agent"}, rule]}))
                  if p.code.startswith("lint.logic_") and p.severity == "error"]
        assert costly == []


@pytest.mark.parametrize("rule", [DOUBLING, NESTED_SOME])
def test_a_condition_out_of_budget_is_a_finding_not_an_error(rule):
    item = compile_item(with_visible_if(rule), validate=False)   # as if published before these limits
    started = time.perf_counter()
    result = prereview(item, application(answers={"name": "张三", "kind": "a", "has_agent": True}))
    assert time.perf_counter() - started < HANG
    finding = next(f for f in result.findings if f.id == "condition:field:agent_name:visible_if")
    assert finding.severity == "warning" and "代理人姓名" in finding.message
    assert "agent_name" in result.visible_fields   # counted as true: the field is shown and checked
    assert "field:answers.agent_name:field.required" in {f.id for f in result.findings}


def test_a_material_condition_out_of_budget_keeps_the_material():
    doc = definition()
    doc["materials"][1]["required_if"] = NESTED_SOME
    result = prereview(compile_item(doc, validate=False), application())
    assert "b_proof" in {m.id for m in result.materials}
    assert "condition:material:b_proof:required_if" in {f.id for f in result.findings}


def _with_condition_at(site):
    doc = definition()
    step = doc["form"]["steps"][0]
    step["fields"].append({"id": "members", "type": "group", "label": "家庭成员", "fields": [
        {"id": "m_name", "type": "text", "label": "成员姓名"}, {"id": "m_job", "type": "text", "label": "职业"}]})
    if site == "step":
        step["visible_if"] = NESTED_SOME
    elif site == "required_if":
        step["fields"][2]["required_if"] = NESTED_SOME
    elif site == "row":
        step["fields"][-1]["fields"][1]["visible_if"] = NESTED_SOME
    return doc


@pytest.mark.parametrize("site, finding_id, label", [
    ("step", "condition:step:main:visible_if", "步骤“基本信息”的显示条件"),
    ("required_if", "condition:field:area:required_if", "字段“面积”的必填条件"),
    ("row", "condition:field:m_job:visible_if", "字段“职业”的显示条件"),
])
def test_every_kind_of_condition_out_of_budget_names_its_place(site, finding_id, label):
    """The site and label of a failed condition are only built when it fails (bench/RESULTS.md): each kind
    still gets its own finding, once, with the place named."""
    answers = {"name": "张三", "kind": "a", "members": [{"m_name": "甲", "m_job": "工人"}, {"m_name": "乙"}]}
    result = prereview(compile_item(_with_condition_at(site), validate=False), application(answers=answers))
    [finding] = [f for f in result.findings if f.kind == "condition"]
    assert (finding.id, finding.severity) == (finding_id, "warning") and label in finding.message
    if site == "row":   # counted as true in every row: the sub-field's answer is kept
        assert result.ignored_answers == []


def test_a_definition_whose_conditions_together_cost_too_much_is_refused():
    costly = {"some": [list(range(60)), {"some": [list(range(60)), {"==": [{"var": ""}, 3]}]}]}  # ~15,000 each
    doc = definition()
    doc["rules"] += [{"id": f"r{i}", "when": {"and": [{"var": "answers.has_agent"}, costly]}, "message": "x",
                      "severity": "warning"} for i in range(10)]
    problems = [p for p in validate_definition(doc) if p.code.startswith("lint.") and p.severity == "error"]
    assert [(p.path, p.code) for p in problems] == [("$.form", "lint.definition_too_costly")]
    del doc["rules"][3:]   # two of them fit
    assert [p for p in validate_definition(doc) if p.severity == "error"] == []


def test_loops_over_answers_are_costed_at_the_most_rows_an_answer_may_have():
    doc = definition()
    doc["form"]["steps"][0]["fields"].append({"id": "members", "type": "group", "label": "家庭成员", "fields": [
        {"id": "m_name", "type": "text", "label": "姓名"}]})
    rows = {"var": "answers.members"}
    twice = {"some": [rows, {"some": [rows, {"==": [{"var": "m_name"}, "x"]}]}]}   # 200 × 200 rows
    once = {"some": [rows, {"==": [{"var": "m_name"}, "x"]}]}
    for rule, costly in ((twice, True), (once, False)):
        doc["rules"] = [{"id": "r", "when": rule, "message": "x", "severity": "warning"}]
        codes = {p.code for p in validate_definition(doc) if p.severity == "error"}
        assert ("lint.logic_too_costly" in codes) is costly
