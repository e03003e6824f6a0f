"""Compile a JsonLogic rule into nested Python closures with json-logic-js 2.0.5 semantics.

The operation name is resolved once, at compile time; a compiled rule is a tree of closures with
no dispatch left per call. Unknown operations are refused while compiling, anywhere in the rule,
even in branches json-logic-js would only reach lazily: definitions are linted strictly.
"""
from __future__ import annotations

import copy
import json
from functools import lru_cache
from typing import Any, Callable

from . import budget, data_path
from .errors import LogicError
from .extra_ops import EXTRA
from .js_semantics import UNDEFINED, ge, length_property, to_number, to_string, truthy
from .operations import STANDARD

Compiled = Callable[[Any], Any]
_PRIMITIVES = (str, int, float, bool, type(None))


def _const(value) -> Compiled:
    return lambda data: value


_UNDEFINED_FN = _const(UNDEFINED)
spend, check_value = budget.spend, budget.check_value


def _is_constant(node) -> bool:
    return type(node) in _PRIMITIVES


def compile_node(node) -> Compiled:
    """One rule node: arrays evaluate element-wise, one-key objects are operations, anything else
    (including objects with 0 or 2+ keys) is a literal."""
    t = type(node)
    if t is list:
        parts = [compile_node(item) for item in node]
        return lambda data: [part(data) for part in parts]  # a fresh array each time, as in JS
    if t is dict:
        if len(node) != 1:
            frozen = copy.deepcopy(node)
            return lambda data: copy.deepcopy(frozen)  # callers may mutate results
        (op, raw), = node.items()
        builder = _BUILDERS.get(op)
        if builder is None:
            raise LogicError(f"Unrecognized operation {op}")
        return builder(raw if type(raw) is list else [raw])  # {"var": "x"} means {"var": ["x"]}
    return _const(node)


def _compile_args(args) -> list[Compiled]:
    return [compile_node(arg) for arg in args]


# -- eager operations -------------------------------------------------------------------------
def _fixed(fn, arity: int):
    """Build an operation with formal parameters: absent arguments are undefined; surplus ones
    are still evaluated (json-logic-js evaluates every argument) and then ignored."""
    def build(args):
        fns = _compile_args(args)
        if len(fns) > arity:
            used, surplus = fns[:arity], fns[arity:]

            def with_surplus(data):
                values = [f(data) for f in used]
                for f in surplus:
                    f(data)
                return fn(*values)
            return with_surplus
        fns += [_UNDEFINED_FN] * (arity - len(fns))
        if arity == 1:
            (fa,) = fns
            return lambda data: fn(fa(data))
        if arity == 2:
            return _binary(fn, args, fns)
        fa, fb, fc = fns
        return lambda data: fn(fa(data), fb(data), fc(data))
    return build


def _binary(fn, args, fns):
    """Two-argument operations, specialised when one side is a literal (the common ``==`` case)."""
    fa, fb = fns
    a_const = len(args) > 0 and _is_constant(args[0])
    b_const = len(args) < 2 or _is_constant(args[1])
    if b_const and not a_const:
        b = args[1] if len(args) > 1 else UNDEFINED
        return lambda data: fn(fa(data), b)
    if a_const and not b_const:
        a = args[0]
        return lambda data: fn(a, fb(data))
    return lambda data: fn(fa(data), fb(data))


def _variadic(fn):
    def build(args):
        fns = _compile_args(args)
        if len(fns) == 2:
            fa, fb = fns
            return lambda data: fn(fa(data), fb(data))
        return lambda data: fn(*[f(data) for f in fns])
    return build


def _times(args):
    if not args:
        raise LogicError('"*" needs at least one argument (json-logic-js throws on an empty reduce)')
    return _variadic(STANDARD["*"][0])(args)


# -- lazy forms -------------------------------------------------------------------------------
def _if(args):
    fns = _compile_args(args)
    if not fns:
        return _const(None)
    if len(fns) == 1:
        return fns[0]
    if len(fns) == 3:
        cond, then, otherwise = fns
        return lambda data: then(data) if truthy(cond(data)) else otherwise(data)
    pairs = [(fns[i], fns[i + 1]) for i in range(0, len(fns) - 1, 2)]
    otherwise = fns[-1] if len(fns) % 2 else None

    def run(data):
        for cond, then in pairs:
            if truthy(cond(data)):
                return then(data)
        return otherwise(data) if otherwise is not None else None
    return run


def _and(args):
    fns = _compile_args(args)

    def run(data):
        value = UNDEFINED  # {"and": []} is undefined in JS
        for f in fns:
            value = f(data)
            if not truthy(value):
                return value
        return value
    return run


def _or(args):
    fns = _compile_args(args)

    def run(data):
        value = UNDEFINED
        for f in fns:
            value = f(data)
            if truthy(value):
                return value
        return value
    return run


def _scoped(args):
    """The array and the per-element rule of map/filter/all/none/some; further args are ignored."""
    source = compile_node(args[0]) if args else _UNDEFINED_FN
    each = compile_node(args[1]) if len(args) > 1 else _UNDEFINED_FN
    return source, each


def _map(args):
    source, each = _scoped(args)

    def run(data):
        items = source(data)
        if type(items) is not list:
            return []
        spend(len(items))
        return [each(item) for item in items]
    return run


def _filter(args):
    source, each = _scoped(args)

    def run(data):
        items = source(data)
        if type(items) is not list:
            return []
        spend(len(items))
        return [item for item in items if truthy(each(item))]
    return run


def _all(args):
    source, each = _scoped(args)

    def run(data):
        items = source(data)
        if type(items) is not list or not items:
            return False  # all() of nothing is false in json-logic-js
        spend(len(items))
        return all(truthy(each(item)) for item in items)
    return run


def _none(args):
    source, each = _scoped(args)

    def run(data):
        items = source(data)
        if type(items) is not list or not items:
            return True
        spend(len(items))
        return not any(truthy(each(item)) for item in items)
    return run


def _some(args):
    source, each = _scoped(args)

    def run(data):
        items = source(data)
        if type(items) is not list or not items:
            return False
        spend(len(items))
        return any(truthy(each(item)) for item in items)
    return run


def _reduce(args):
    source, each = _scoped(args)
    initial = compile_node(args[2]) if len(args) > 2 else _const(None)

    def run(data):
        items = source(data)
        accumulator = initial(data)
        if type(items) is not list:
            return accumulator
        spend(len(items))
        for item in items:
            accumulator = each({"current": item, "accumulator": accumulator})
            check_value(accumulator)  # [acc, acc] doubles without any cat or merge
        return accumulator
    return run


# -- data readers -----------------------------------------------------------------------------
def _var(args):
    if not args:
        return lambda data: data
    if len(args) > 2 or not all(_is_constant(a) for a in args):
        return _dynamic_var(args)
    path = args[0]
    default = args[1] if len(args) == 2 else None  # null and absent defaults both give null
    if path is None or path == "":
        return lambda data: data
    parts = data_path.split_path(to_string(path))
    lookup = data_path.lookup
    if len(parts) == 1:
        key = parts[0][0]
        absent = object()

        def one_step(data):
            if type(data) is dict:
                value = data.get(key, absent)
                return default if value is absent else value
            return lookup(data, parts, default)
        return one_step
    return lambda data: lookup(data, parts, default)


def _dynamic_var(args):
    """A computed path such as {"var": {"cat": ["answers.", {"var": "k"}]}}."""
    fns = _compile_args(args)
    fa = fns[0]
    fb = fns[1] if len(fns) > 1 else _UNDEFINED_FN
    surplus = fns[2:]

    def run(data):
        path, default = fa(data), fb(data)
        for f in surplus:
            f(data)
        return data_path.var(data, path, default)
    return run


def _apply_value(value, data):
    """jsonLogic.apply on a value computed at run time: missing/missing_some re-apply their keys."""
    t = type(value)
    if t is list:
        return [_apply_value(item, data) for item in value]
    if t is dict and len(value) == 1:
        return budget.within(_compile_cached(value), data)   # a rule from the data: it may loop
    return value


def _compile_cached(rule) -> Compiled:
    try:
        key = json.dumps(rule, ensure_ascii=False)
    except (TypeError, ValueError):
        return compile_node(rule)
    return _compile_json(key)


@lru_cache(maxsize=256)
def _compile_json(text: str) -> Compiled:
    return compile_node(json.loads(text))


def _var_of_key(key, data):
    """jsonLogic.apply({"var": key}, data): an array key is [path, default]."""
    if type(key) is list:
        values = [_apply_value(item, data) for item in key]
        path = values[0] if values else UNDEFINED
        default = values[1] if len(values) > 1 else UNDEFINED
    else:
        path, default = _apply_value(key, data), UNDEFINED
    return data_path.var(data, path, default)


def missing_of(data, values: list) -> list:
    """The ``missing`` operation: one array argument is the key list, else the arguments are."""
    keys = values[0] if values and type(values[0]) is list else values
    result = []
    for key in keys:
        value = _var_of_key(key, data)
        if value is None or (type(value) is str and value == ""):
            result.append(key)
    return result


def _missing(args):
    fns = _compile_args(args)
    if all(type(a) is str and a != "" for a in args):
        # The usual {"missing": ["a", "b.c"]}: paths are known now.
        keyed = [(key, data_path.split_path(key)) for key in args]
        lookup = data_path.lookup

        def literal(data):
            result = []
            for key, parts in keyed:
                value = lookup(data, parts, None)
                if value is None or (type(value) is str and value == ""):
                    result.append(key)
            return result
        return literal
    return lambda data: missing_of(data, [f(data) for f in fns])


def missing_some_of(data, need, options):
    """``{"missing_some": [need, options]}``: [] when at least ``need`` of ``options`` are present."""
    values = [_apply_value(o, data) for o in options] if type(options) is list else [_apply_value(options, data)]
    absent = missing_of(data, values)
    present = to_number(length_property(options)) - len(absent)
    return [] if ge(present, need) else absent


def _missing_some(args):
    if len(args) < 2 or args[1] is None:
        raise LogicError('"missing_some" needs [minimum, [keys]] (json-logic-js throws reading keys.length)')
    fns = _compile_args(args)
    fa, fb, surplus = fns[0], fns[1], fns[2:]

    def run(data):
        need, options = fa(data), fb(data)
        for f in surplus:
            f(data)
        return missing_some_of(data, need, options)
    return run


def _build_table():
    table = {
        "if": _if, "?:": _if, "and": _and, "or": _or,
        "map": _map, "filter": _filter, "reduce": _reduce, "all": _all, "none": _none, "some": _some,
        "var": _var, "missing": _missing, "missing_some": _missing_some,
    }
    for name, (fn, arity) in {**STANDARD, **EXTRA}.items():
        table[name] = _variadic(fn) if arity is None else _fixed(fn, arity)
    table["*"] = _times
    # "method" (call any JS method on a value) is left out on purpose: rules come from definitions
    # that counties exchange, and must not reach into the interpreter.
    return table


_BUILDERS: dict[str, Callable[[list], Compiled]] = _build_table()
KNOWN_OPERATIONS = frozenset(_BUILDERS)
