"""JsonLogic with exactly the semantics of json-logic-js 2.0.5 (what the browser runs), plus
Yiwang's extra operations. See docs/jsonlogic.md.

    check = compile_rule({"<": [{"var": "answers.age"}, 18]})   # once per definition version
    check({"answers": {"age": 17}})                              # many times -> True

JS numbers are doubles, so arithmetic results are floats (3.0 == 3 in Python); values read from
the data come back unchanged. Where json-logic-js yields ``undefined`` the result is None.
"""
from __future__ import annotations

from typing import Any, Callable

from . import budget
from .analysis import is_logic, referenced_vars, scoped_vars, unknown_operations
from .compiler import KNOWN_OPERATIONS, compile_node
from .budget import BudgetExceeded
from .errors import LogicError
from .js_semantics import UNDEFINED, truthy

__all__ = ["KNOWN_OPERATIONS", "BudgetExceeded", "LogicError", "compile_rule", "evaluate", "is_logic",
           "referenced_vars",
           "scoped_vars", "truthy", "unknown_operations"]


def _has_undefined(items: list) -> bool:
    return any(x is UNDEFINED or (type(x) is list and _has_undefined(x)) for x in items)


def _without_undefined(value):
    if value is UNDEFINED:
        return None
    if type(value) is list:
        return [_without_undefined(x) for x in value]
    return value


def compile_rule(rule) -> Callable[[Any], Any]:
    """Compile once, call many times: ``compile_rule(rule)(data)``. Raises LogicError for an
    unknown operation anywhere in the rule or a shape json-logic-js always throws on. Each call of a rule
    with a loop has its own cost budget (budget.py) and raises BudgetExceeded, a LogicError, when it runs out."""
    try:
        run = compile_node(rule)
    except RecursionError:
        raise LogicError("rule is nested too deeply") from None

    def compiled(data=None):
        try:
            result = run(data)
        except RecursionError:
            raise LogicError("the evaluation is nested too deeply") from None
        if result is UNDEFINED or (type(result) is list and _has_undefined(result)):
            return _without_undefined(result)
        return result

    def budgeted(data=None):
        token = budget.start()
        try:
            return compiled(data)
        finally:
            budget.finish(token)
    # Only a rule with a loop can multiply its cost (budget.py); the others skip the bookkeeping.
    return budgeted if budget.needs_budget(rule) else compiled


def evaluate(rule, data=None):
    """``jsonLogic.apply(rule, data)``; compiles on every call, so prefer ``compile_rule``."""
    return compile_rule(rule)(data)
