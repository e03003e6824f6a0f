"""Every operation applied to every pair of awkward values (null, "0", [], {}, NaN-producing
strings, dates, IDs …) gives the same result in Python and json-logic-js. Deterministic and
exhaustive where the random differential test is broad."""
import copy

import pytest

from runtime.logic import evaluate

from .js_values import ERROR, decode, outcome, same
from .node_runner import NodeEvaluator

VALUES = [None, True, False, 0, 1, -1, -0.0, 0.5, 2, 10, 1e21, "", "0", "1", "10", "9", "a", " 2 ", "-0", "1e3",
          "2026-01-31", "2024-02-29", "11010519491231002X", "91350100M000100Y43", [], [0], [1, 2], ["a"], {}, {"a": 1}]
UNARY = ["!", "!!", "+", "-", "*", "/", "length", "valid_id_card", "valid_uscc", "cat", "max", "min", "merge",
         "if", "and", "or", "substr", "in", "var", "missing"]
BINARY = ["==", "!=", "===", "!==", ">", ">=", "<", "<=", "+", "-", "*", "/", "%", "min", "max", "cat", "substr",
          "in", "merge", "and", "or", "?:", "days_between", "years_between", "age_from_id", "date_add", "var",
          "missing", "missing_some"]
ARG = ({"var": "a"}, {"var": "b"})


def cases():
    for op in UNARY:
        for a in VALUES:
            yield {op: [ARG[0]]}, {"a": a}
    for op in BINARY:
        for a in VALUES:
            for b in VALUES:
                yield {op: list(ARG)}, {"a": a, "b": copy.deepcopy(b)}  # distinct objects, as JSON.parse gives
    for n in (1, -1, 0, 1.5, "1", None):
        for unit in ("day", "month", "year", "week", None):
            for day in ("2024-02-29", "2026-12-31", "0001-01-01", "9999-12-31", "2026-13-01", ""):
                yield {"date_add": [day, n, unit]}, None


@pytest.fixture(scope="module")
def node():
    evaluator = NodeEvaluator()
    yield evaluator
    evaluator.close()


def test_every_operation_on_every_awkward_value(node):
    mismatches = []
    total = 0
    for rule, data in cases():
        total += 1
        expected = decode(node.apply(rule, data))
        actual = outcome(evaluate, rule, data)
        ok = actual is ERROR if expected is ERROR else (actual is not ERROR and same(actual, expected))
        if not ok:
            mismatches.append((rule, data, actual, expected))
    assert total > 25000
    assert mismatches == [], f"{len(mismatches)} of {total} differ, first: {mismatches[:5]}"
