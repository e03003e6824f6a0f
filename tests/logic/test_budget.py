"""Every evaluation has a bounded cost: hostile rules end with BudgetExceeded (a LogicError),
never a MemoryError, a hung worker or a result too big to store."""
import time

import pytest

from runtime.logic import BudgetExceeded, LogicError, compile_rule, evaluate
from runtime.logic.budget import MAX_ARRAY, MAX_STEPS, MAX_STRING

RANGE_40 = list(range(40))
RANGE_1000 = list(range(1000))
ACC = {"var": "accumulator"}
# A guard against hanging, not a speed test (bench/bench_hostile.py measures the ≤ 1 s goal): before the
# limits these ran out of memory or never finished; on a busy shared machine a fast run can still take seconds.
HANG = 10.0

HOSTILE = {
    "string doubling": {"reduce": [RANGE_40, {"cat": [ACC, ACC]}, "x"]},
    "array doubling by merge": {"reduce": [RANGE_40, {"merge": [ACC, ACC]}, [1]]},
    "array doubling by literal": {"reduce": [RANGE_40, [ACC, ACC], 1]},
    "three nested loops": {"some": [RANGE_1000, {"some": [RANGE_1000, {"some": [RANGE_1000, False]}]}]},
    "searching in a loop": {"some": [RANGE_1000, {"in": [-1, {"map": [RANGE_1000, {"var": ""}]}]}]},
    "loop over data": {"filter": [{"var": "rows"}, {"some": [{"var": ""}, True]}]},
}
DATA = {"rows": [[0] * 1000] * 1000}


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_rules_stop_with_budget_exceeded(name):
    check = compile_rule(HOSTILE[name])
    started = time.perf_counter()
    with pytest.raises(BudgetExceeded):
        check(DATA)
    assert time.perf_counter() - started < HANG
    assert issubclass(BudgetExceeded, LogicError)  # callers that handle LogicError handle this too


def test_strings_and_arrays_have_a_size_limit():
    big = "x" * (MAX_STRING // 2 + 1)
    with pytest.raises(BudgetExceeded):
        evaluate({"cat": [{"var": "a"}, {"var": "a"}]}, {"a": big})
    with pytest.raises(BudgetExceeded):
        evaluate({"merge": [{"var": "a"}, {"var": "a"}]}, {"a": [0] * (MAX_ARRAY // 2 + 1)})
    assert len(evaluate({"cat": [{"var": "a"}, "y"]}, {"a": big})) == len(big) + 1


def test_ordinary_rules_are_untouched_and_each_call_has_its_own_budget():
    total = compile_rule({"reduce": [{"var": "rows"}, {"+": [ACC, {"var": "current.area"}]}, 0]})
    rows = [{"area": 2}] * (MAX_STEPS // 2)   # half the budget per call
    assert total({"rows": rows}) == MAX_STEPS
    assert total({"rows": rows}) == MAX_STEPS  # a second call starts afresh
    pairs = {"some": [RANGE_1000[:200], {"in": [{"var": ""}, RANGE_1000[:200]]}]}
    assert evaluate(pairs) is True
    text = {"reduce": [RANGE_1000, {"cat": [ACC, "甲"]}, ""]}
    assert evaluate(text) == "甲" * 1000


def test_the_browser_stops_the_same_hostile_rules():
    """logic-extra.js guards json-logic-js the same way: a throw (the page then shows the field),
    never a frozen tab; ordinary rules give json-logic-js's own results."""
    from .js_values import ERROR
    from .node_runner import NodeEvaluator
    node = NodeEvaluator()
    try:
        for name in ("string doubling", "array doubling by merge", "three nested loops"):
            started = time.perf_counter()
            result = node.apply(HOSTILE[name], {})
            assert result is ERROR or result.get("$js") == "error", name
            assert time.perf_counter() - started < HANG
        assert node.apply({"reduce": [RANGE_1000, {"+": [ACC, {"var": "current"}]}, 0]}, {}) == 499500
        assert node.apply({"merge": [[1], 2, [[3]]]}, {}) == [1, 2, [3]]
    finally:
        node.close()


@pytest.mark.parametrize("op", ["map", "filter", "all", "none", "some", "reduce"])
def test_every_loop_alone_runs_under_a_budget(op):
    """Only rules with a loop get a budget (budget.needs_budget): each loop must be recognised as one."""
    rule = {op: [{"var": "rows"}, True] + ([0] if op == "reduce" else [])}
    with pytest.raises(BudgetExceeded):
        compile_rule(rule)({"rows": [1] * (MAX_STEPS + 1)})


def test_needs_budget_sees_loops_anywhere_and_only_loops():
    from runtime.logic.budget import needs_budget
    assert needs_budget({"if": [True, {"and": [1, {"some": [{"var": "a"}, True]}]}, 0]})
    assert needs_budget({"==": [{"a": 1, "b": {"map": [[], 1]}}, 1]})   # even inside a literal object
    assert not needs_budget({"and": [{"in": [{"var": "a"}, [1, 2]]}, {"cat": ["a", {"var": "b"}]}]})
    assert not needs_budget(7)


def test_a_rule_read_from_the_data_runs_under_a_budget():
    """``missing`` applies a rule it reads from the data (json-logic-js does): a loop there is charged even
    though the compiled rule itself has none."""
    check = compile_rule({"missing": [{"var": "key"}]})
    with pytest.raises(BudgetExceeded):
        check({"key": HOSTILE["three nested loops"]})
    assert check({"key": "a", "a": 1}) == [] and check({"key": "a"}) == ["a"]
