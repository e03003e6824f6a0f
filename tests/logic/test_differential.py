"""Random rules evaluated by both Python and json-logic-js must agree: the browser's answer to
"is this field visible / required" is the server's answer."""
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from runtime.logic import evaluate

from .js_values import ERROR, decode, outcome, same
from .node_runner import NodeEvaluator

STRINGS = ["", "0", "1", "10", "9", "a", "abc", "汉字😀", "2026-01-31", "2024-02-29", "11010519491231002X",
           "91350100M000100Y43", "true", " 2 ", "1e3", "-0"]
scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-20, 20), st.sampled_from([0.5, -1.25, 1e21, 1e-7, 0.1, 3.0]),
    st.sampled_from(STRINGS))
PATHS = ["a", "b", "xs", "o.k", "xs.0", "nope", ""]

EAGER = {"==": 2, "!=": 2, "===": 2, "!==": 2, ">": 2, ">=": 2, "<": 3, "<=": 3, "!": 1, "!!": 1, "+": 3,
         "-": 2, "*": 2, "/": 2, "%": 2, "min": 3, "max": 3, "cat": 3, "substr": 3, "in": 2, "merge": 3,
         "length": 1, "date_add": 3, "days_between": 2, "years_between": 2, "age_from_id": 2,
         "valid_id_card": 1, "valid_uscc": 1, "and": 3, "or": 3, "if": 5, "?:": 3}


def rules(depth):
    leaf = st.one_of(scalars, st.sampled_from(PATHS).map(lambda p: {"var": p}),
                     st.tuples(st.sampled_from(PATHS), scalars).map(lambda t: {"var": list(t)}))
    if depth == 0:
        return leaf
    sub = rules(depth - 1)
    op_call = st.sampled_from(sorted(EAGER)).flatmap(
        lambda op: st.lists(sub, min_size=1, max_size=EAGER[op]).map(lambda args: {op: args}))
    array_ops = st.tuples(st.sampled_from(["map", "filter", "all", "some", "none"]),
                          st.sampled_from([{"var": "xs"}, {"var": "a"}, [1, "2", None]]), sub).map(
        lambda t: {t[0]: [t[1], t[2]]})
    missing = st.lists(st.sampled_from(PATHS[:-1]), max_size=3).map(lambda keys: {"missing": keys})
    return st.one_of(op_call, op_call, op_call, array_ops, missing, leaf)  # operations dominate


datas = st.fixed_dictionaries({"a": scalars, "b": scalars, "xs": st.lists(scalars, max_size=3),
                               "o": st.fixed_dictionaries({"k": scalars})})


@pytest.fixture(scope="module")
def node():
    evaluator = NodeEvaluator()
    yield evaluator
    evaluator.close()


@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                   HealthCheck.too_slow])
@given(rule=rules(3), data=datas)
def test_python_agrees_with_json_logic_js(node, rule, data):
    expected = decode(node.apply(rule, data))
    actual = outcome(evaluate, rule, data)
    if expected is ERROR:
        assert actual is ERROR
    else:
        assert actual is not ERROR and same(actual, expected), (rule, data, actual, expected)
