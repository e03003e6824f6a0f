"""Static limits on a rule, checked by the definition lint before anything is evaluated, so a
definition that could be slow cannot be published or imported. The runtime budget (budget.py)
still bounds every evaluation; these limits make a lint-passing rule stay far inside it.

Checked without recursion, so a rule nested 100,000 deep is reported, not a RecursionError.
"""
from __future__ import annotations

MAX_DEPTH = 32            # nesting of operations, arrays and objects in one rule
MAX_NODES = 5_000         # operations, arrays and values in one rule
MAX_LITERAL_ARRAY = 200   # elements of an array written into the rule
MAX_LOOP_NESTING = 2      # map/filter/all/none/some/reduce inside the per-element rule of another
# and MAX_COST, MAX_DEFINITION_COST below: the estimated work of one rule and of a whole definition

LOOPS = frozenset({"map", "filter", "all", "none", "some", "reduce"})
_BUILDS = frozenset({"cat", "merge"})


def _args(raw) -> list:
    return raw if type(raw) is list else [raw]


def limit_problems(rule) -> list[tuple[tuple, str, dict]]:
    """(path inside the rule, problem code, parameters) for every limit the rule exceeds; the codes
    are lint message codes (runtime/engine/messages.py). At most one problem of each kind."""
    problems: dict[str, tuple[tuple, str, dict]] = {}
    nodes = 0
    stack = [(rule, (), 1, 0)]
    while stack:
        node, path, depth, loops = stack.pop()
        nodes += 1
        if depth > MAX_DEPTH and "depth" not in problems:
            problems["depth"] = (path, "lint.logic_too_deep", {"limit": MAX_DEPTH})
            continue
        t = type(node)
        if t is list:
            if len(node) > MAX_LITERAL_ARRAY and "array" not in problems:
                problems["array"] = (path, "lint.logic_array_too_long",
                                     {"count": len(node), "limit": MAX_LITERAL_ARRAY})
            stack.extend((item, path + (i,), depth + 1, loops) for i, item in enumerate(node))
        elif t is dict:
            if len(node) != 1:
                stack.extend((v, path + (k,), depth + 1, loops) for k, v in node.items())
                continue
            (op, raw), = node.items()
            args = _args(raw)
            inner = loops
            if op in LOOPS:
                inner = loops + 1
                if inner > MAX_LOOP_NESTING and "loops" not in problems:
                    problems["loops"] = (path, "lint.logic_loop_nesting", {"limit": MAX_LOOP_NESTING})
                if op == "reduce" and len(args) > 1 and _grows(args[1]) and "growth" not in problems:
                    problems["growth"] = ((*path, op, 1), "lint.logic_growth", {})
            for i, arg in enumerate(args):
                # only the per-element rule runs once per element; the array and the initial value once
                nested = inner if op in LOOPS and i == 1 else loops
                stack.append((arg, (*path, op, i) if type(raw) is list else (*path, op), depth + 1, nested))
    if nodes > MAX_NODES:
        problems["nodes"] = ((), "lint.logic_too_large", {"count": nodes, "limit": MAX_NODES})
    if not problems:
        cost = estimated_cost(rule)
        if cost > MAX_COST:
            problems["cost"] = ((), "lint.logic_too_costly", {"cost": cost, "limit": MAX_COST})
    return list(problems.values())


def _grows(body) -> bool:
    """A reduce step that reads the accumulator twice and builds a string or an array from it doubles
    the value on every element (2^40 characters after 40 elements)."""
    reads, builds = 0, False
    stack = [body]
    while stack:
        node = stack.pop()
        if type(node) is list:
            builds = builds or any(type(x) is dict for x in node)
            stack.extend(node)
        elif type(node) is dict and len(node) == 1:
            (op, raw), = node.items()
            args = _args(raw)
            if op == "var":
                if args and type(args[0]) is str and args[0].split(".", 1)[0] == "accumulator":
                    reads += 1
                continue
            if op == "reduce":   # a nested reduce has its own accumulator; its array and initial value are ours
                stack.extend(args[:1] + args[2:3])
                continue
            builds = builds or op in _BUILDS
            stack.extend(args)
    return reads > 1 and builds


# Elements assumed for an array read from the data: the most the engine accepts (runtime/engine/fields.py:
# MAX_GROUP_ROWS rows of a group, MAX_CHOICES ticked options), so the estimate holds for any answers.
DATA_ARRAY_ESTIMATE = 200
MAX_COST = 20_000          # estimated node evaluations of one rule (about 5 ms)
# The same summed over a definition, visible_if counted twice (pre-review settles visibility in passes):
# about 20 ms, so a definition that passes lint pre-reviews in well under 50 ms (bench/bench_hostile.py).
MAX_DEFINITION_COST = 60_000


def estimated_cost(rule) -> int:
    """Node evaluations one evaluation of ``rule`` needs at most, with arrays read from the data taken
    as DATA_ARRAY_ESTIMATE long. Call only on rules within MAX_DEPTH (it recurses)."""
    t = type(rule)
    if t is list:
        return 1 + sum(estimated_cost(item) for item in rule)
    if t is not dict or len(rule) != 1:
        return 1
    (op, raw), = rule.items()
    args = _args(raw)
    if op in LOOPS and args:
        source = args[0]
        n = len(source) if type(source) is list else DATA_ARRAY_ESTIMATE
        body = estimated_cost(args[1]) if len(args) > 1 else 1
        rest = sum(estimated_cost(a) for a in args[2:3])
        return 1 + estimated_cost(source) + n * body + rest
    return 1 + sum(estimated_cost(a) for a in args)
