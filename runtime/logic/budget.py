"""The cost budget of one evaluation: every rule, whatever the data, ends in bounded time and memory.

A rule without loops costs at most its own size times the size of the data it reads, so only what can
multiply is charged: each element a loop (map, filter, all, none, some, reduce) visits, each element an
``in`` searches, and the strings and arrays that ``cat`` and ``merge`` build. Charges count only in a
rule that has a loop (``needs_budget``) and in a rule that ``missing`` reads from the data and applies
(``within``): without a loop nothing multiplies, and setting a budget up for every evaluation cost
ordinary pre-review about 8 % (bench/RESULTS.md). The size limits on built strings and arrays always hold.

A breach raises BudgetExceeded (a LogicError), which the engine reports as a finding; it never reaches the
user as an error page or a hung worker. The limits are documented in docs/jsonlogic.md and
item_defs/FORMAT.md; runtime/static/js/logic-extra.js guards the browser the same way.
"""
from __future__ import annotations

from contextvars import ContextVar

from .errors import LogicError
from .limits import LOOPS

MAX_STEPS = 100_000        # loop elements visited + array elements searched, per evaluation
MAX_STRING = 100_000       # characters of one string built by cat
MAX_ARRAY = 10_000         # elements of one array built by merge, or nodes of one reduce accumulator
STRING_STEP = 100          # characters built by cat that cost one step (repeated building is charged too)


class BudgetExceeded(LogicError):
    """One evaluation did more work or built a bigger value than any reasonable rule needs."""


class Budget:
    __slots__ = ("steps",)

    def __init__(self, steps: int = MAX_STEPS):
        self.steps = steps


_current: ContextVar[Budget | None] = ContextVar("yiwang_logic_budget", default=None)


def start() -> object:
    """A fresh budget for one top-level evaluation; pass the token to ``finish``."""
    return _current.set(Budget())


def finish(token) -> None:
    _current.reset(token)


def needs_budget(rule) -> bool:
    """Whether ``rule`` has a loop anywhere (checked without recursion; literal objects included, to be safe)."""
    stack = [rule]
    while stack:
        node = stack.pop()
        if type(node) is list:
            stack.extend(node)
        elif type(node) is dict:
            if len(node) == 1 and next(iter(node)) in LOOPS:
                return True
            stack.extend(node.values())
    return False


def within(run, data):
    """``run(data)`` under the current budget, or under a fresh one outside any: for a rule taken from the
    data at run time, which the compiled rule's own ``needs_budget`` could not see."""
    if _current.get() is not None:
        return run(data)
    token = start()
    try:
        return run(data)
    finally:
        finish(token)


def spend(steps: int) -> None:
    budget = _current.get()
    if budget is None:
        return
    budget.steps -= steps
    if budget.steps < 0:
        raise BudgetExceeded(f"计算量超过限制(一次计算最多 {MAX_STEPS} 步)")


def check_string(value: str) -> str:
    if len(value) > MAX_STRING:
        raise BudgetExceeded(f"文本超过 {MAX_STRING} 个字符")
    if len(value) >= STRING_STEP:
        spend(len(value) // STRING_STEP)
    return value


def check_array(value: list) -> list:
    if len(value) > MAX_ARRAY:
        raise BudgetExceeded(f"列表超过 {MAX_ARRAY} 项")
    return value


def check_value(value) -> None:
    """A reduce accumulator: nested arrays that share themselves ([acc, acc]) grow without any merge,
    so count the nodes (charged as steps), stopping at the limit."""
    t = type(value)
    if t is str:
        check_string(value)
        return
    if t is not list and t is not dict:
        return
    seen, stack = 0, [value]
    while stack:
        node = stack.pop()
        seen += 1
        if seen > MAX_ARRAY:
            raise BudgetExceeded(f"累计值超过 {MAX_ARRAY} 个部分")
        if type(node) is list:
            stack.extend(node)
        elif type(node) is dict:
            stack.extend(node.values())
    spend(seen)
