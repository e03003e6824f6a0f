"""The package surface the engine and lint rely on."""
import math

import pytest

from runtime.logic import KNOWN_OPERATIONS, LogicError, compile_rule, evaluate, is_logic, referenced_vars, \
    truthy, unknown_operations


def test_compiled_rule_is_reusable_and_does_not_share_results():
    check = compile_rule({"merge": [{"var": "a"}, [1]]})
    first = check({"a": [0]})
    first.append("mutated")
    assert check({"a": [0]}) == [0, 1]
    assert check({"a": 5}) == [5, 1]


def test_unknown_operation_is_refused_even_in_an_unreached_branch():
    with pytest.raises(LogicError, match="Unrecognized operation method"):
        compile_rule({"if": [True, 1, {"method": ["x", "toUpperCase"]}]})


def test_runaway_nesting_is_a_logic_error_not_a_crash():
    rule = 1
    for _ in range(5000):
        rule = {"!": [rule]}
    with pytest.raises(LogicError):
        compile_rule(rule)


def test_undefined_never_leaks_out():
    assert evaluate({"if": [False, 1]}) is None
    assert evaluate({"map": [[1, 2], {"var": "x"}]}) == [None, None]


def test_nan_and_infinity_are_floats():
    assert math.isnan(evaluate({"-": ["a"]}))
    assert evaluate({"/": [1, 0]}) == math.inf


def test_truthy_follows_json_logic():
    assert [truthy(v) for v in ("0", [], {}, 0, 0.0, math.nan, None, "a", [0])] == \
        [True, False, True, False, False, False, False, True, True]


def test_referenced_vars_skip_per_element_scopes():
    rule = {"and": [{"var": "answers.kind"},
                    {"some": [{"var": "answers.members"}, {"==": [{"var": "age"}, 1]}]},
                    {"reduce": [{"var": "fees"}, {"+": [{"var": "current"}, {"var": "accumulator"}]},
                                {"var": "base"}]},
                    {"missing": {"merge": ["answers.a", {"if": [{"var": "answers.b"}, ["answers.c"], []]}]}},
                    {"var": ["answers.kind", {"var": "fallback"}]}]}
    assert referenced_vars(rule) == ["answers.kind", "answers.members", "fees", "base", "answers.a",
                                     "answers.b", "answers.c", "fallback"]


def test_unknown_operations_report_paths():
    rule = {"and": [True, {"foo": 1}, {"if": [{"bar": []}, 1, 2]}]}
    assert unknown_operations(rule) == [(("and", 1), "foo"), (("and", 2, "if", 0), "bar")]


def test_known_operations_include_the_extras():
    assert {"length", "date_add", "days_between", "years_between", "age_from_id", "valid_id_card",
            "valid_uscc"} <= set(KNOWN_OPERATIONS)
    assert "method" not in KNOWN_OPERATIONS and "log" in KNOWN_OPERATIONS
    assert is_logic({"var": "x"}) and not is_logic({"a": 1, "b": 2})


def test_scoped_vars_are_the_per_element_reads():
    from runtime.logic import scoped_vars
    rule = {"and": [{"var": "answers.x"},
                    {"all": [{"var": "answers.rows"}, {"<": [{"var": "age"}, {"var": "today"}]}]},
                    {"reduce": [{"var": "fees"}, {"+": [{"var": "current"}, {"var": "accumulator"}]}, 0]}]}
    assert scoped_vars(rule) == ["age", "today", "current", "accumulator"]
