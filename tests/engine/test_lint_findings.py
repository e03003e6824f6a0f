"""Lint catches what authors get wrong and never crashes (issue #17 §5)."""
import pytest

from runtime.engine import lint as lint_module
from runtime.engine.validation import validate_definition
from tests.engine.factories import DEPT_CODE, definition

CHECKBOX = {"id": "uses", "type": "checkbox_group", "label": "用途",
            "options": [{"value": "shop", "label": "商铺"}, {"value": "home", "label": "住宅"}]}


def with_checkbox_condition(condition):
    doc = definition()
    doc["form"]["steps"][0]["fields"].append(CHECKBOX)
    doc["materials"][1]["required_if"] = condition
    return doc


def never_option(doc):
    return [p for p in validate_definition(doc) if p.code == "lint.logic_never_option"]


def test_a_misspelt_option_of_a_multi_choice_field_is_caught():
    [problem] = never_option(with_checkbox_condition({"in": ["shopp", {"var": "answers.uses"}]}))
    assert problem.path == "$.materials[1].required_if" and "用途" in problem.message and "shopp" in problem.message
    assert never_option(with_checkbox_condition({"in": ["shop", {"var": "answers.uses"}]})) == []


def test_a_31_character_implementation_code_not_ending_with_the_basic_code_is_a_warning():
    doc = definition()
    doc["implementation"]["implementation_code"] = DEPT_CODE + "4" + "999999999999"
    [problem] = [p for p in validate_definition(doc) if p.code == "lint.implementation_code"]
    assert problem.severity == "warning" and "999999999999" in problem.message


def test_a_lint_crash_is_a_problem_entry_not_an_exception(monkeypatch):
    def broken(doc, index):
        raise TypeError("a bug")
        yield
    monkeypatch.setattr(lint_module, "_fees", broken)
    problems = validate_definition(definition())
    assert [(p.path, p.code, p.severity) for p in problems] == [("$", "lint.crashed", "error")]
    assert "TypeError" in problems[0].message


def null_warnings(condition):
    doc = definition()
    doc["rules"].append({"id": "small", "when": condition, "message": "面积小于 10", "severity": "blocking"})
    return [p for p in validate_definition(doc) if p.code == "lint.logic_null_compare"]


AREA = {"var": "answers.area"}


@pytest.mark.parametrize("condition", [{"<": [AREA, 10]}, {"<=": [AREA, 0]}, {">=": [AREA, -5]},
                                       {"or": [{"<": [AREA, 10]}, {"var": "answers.has_agent"}]}])
def test_a_comparison_that_holds_for_no_answer_is_a_warning(condition):
    [problem] = null_warnings(condition)
    assert problem.severity == "warning" and "面积" in problem.message and problem.path.startswith("$.rules[1].when")


@pytest.mark.parametrize("condition", [{"and": [AREA, {"<": [AREA, 10]}]}, {"and": [{"!!": AREA}, {"<": [AREA, 10]}]},
                                       {"and": [{"!=": [AREA, None]}, {"<": [AREA, 10]}]}, {">": [AREA, 10]},
                                       {"<": [AREA, 0]}])
def test_guarded_or_null_false_comparisons_are_not_warned(condition):
    assert null_warnings(condition) == []
