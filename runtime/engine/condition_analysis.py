"""Deciding, where it is decidable, that a condition is always or never true.

A three-valued abstract evaluation: True, False, or None (depends on the application). Variables
are unknown, except that a choice field can only hold one of its option values, so comparing it
with any other literal is decided. This catches the common authoring slip of a condition that
compares a select field with a misspelt or deleted option value.
"""
from __future__ import annotations

from dataclasses import dataclass

from runtime import logic

from .definition_index import DefinitionIndex

UNKNOWN = None


@dataclass(frozen=True)
class ImpossibleComparison:
    path: tuple       # path of the comparison inside the expression
    field_id: str
    value: object


def _literal(node) -> bool:
    return not isinstance(node, (dict, list))


def _var_field(node, index: DefinitionIndex, *, checkbox: bool = False):
    """The choice field a ``{"var": "answers.<id>"}`` node reads, if any: a single-choice one, or with
    ``checkbox`` a multi-choice one (whose answer is the list of chosen option values)."""
    if not (isinstance(node, dict) and len(node) == 1 and "var" in node):
        return None
    arg = node["var"]
    if isinstance(arg, list):
        if len(arg) != 1:  # a default value makes the outcome depend on more than the options
            return None
        arg = arg[0]
    if not isinstance(arg, str) or not arg.startswith("answers."):
        return None
    info = index.field(arg[len("answers."):])
    if info is None or info.group_id is not None or info.option_values() is None:
        return None
    return info if (info.type == "checkbox_group") == checkbox else None


def _matches(option, literal) -> bool:
    # Options are strings (or booleans for yes_no); json-logic-js `==` coerces, so compare loosely
    # the way it would for the cases that occur: same value, or number vs numeric string.
    if option == literal and type(option) is type(literal):
        return True
    if isinstance(option, bool) or isinstance(literal, bool):
        return False
    return str(option) == str(literal)


class ConditionAnalysis:
    def __init__(self, index: DefinitionIndex):
        self.index = index
        self.impossible: list[ImpossibleComparison] = []

    def decide(self, expr, path=()):
        """True / False when decided for every application, None when it depends on the answers."""
        if _literal(expr):
            return logic.truthy(expr)
        if isinstance(expr, list):
            return UNKNOWN
        if len(expr) != 1:
            return UNKNOWN
        op, args = next(iter(expr.items()))
        args_list = args if isinstance(args, list) else [args]
        if op in ("and", "or"):
            results = [self.decide(a, path + (op, i)) for i, a in enumerate(args_list)]
            if op == "and":
                if any(r is False for r in results):
                    return False
                return True if results and all(r is True for r in results) else UNKNOWN
            if any(r is True for r in results):
                return True
            return False if results and all(r is False for r in results) else UNKNOWN
        if op in ("!", "!!"):
            inner = self.decide(args_list[0], path + (op, 0)) if args_list else UNKNOWN
            if inner is UNKNOWN:
                return UNKNOWN
            return (not inner) if op == "!" else inner
        if op in ("==", "===", "!=", "!==") and len(args_list) == 2:
            return self._compare(op, args_list, path)
        if op == "in" and len(args_list) == 2:
            return self._membership(args_list, path)
        return UNKNOWN

    def _compare(self, op, args, path):
        a, b = args
        info, literal = (_var_field(a, self.index), b) if _var_field(a, self.index) else (_var_field(b, self.index), a)
        if info is None or not _literal(literal) or literal is None:
            return UNKNOWN
        if any(_matches(o, literal) for o in info.option_values()):
            return UNKNOWN
        self.impossible.append(ImpossibleComparison(path, info.id, literal))
        return op in ("!=", "!==")

    def _membership(self, args, path):
        needle, haystack = args
        chosen = _var_field(haystack, self.index, checkbox=True)
        if chosen is not None and _literal(needle) and needle is not None:
            # {"in": ["option", {"var": "answers.<checkbox field>"}]}: was this option ticked?
            if any(_matches(o, needle) for o in chosen.option_values()):
                return UNKNOWN
            self.impossible.append(ImpossibleComparison(path, chosen.id, needle))
            return False
        info = _var_field(needle, self.index)
        if info is None or not isinstance(haystack, list) or not all(_literal(x) for x in haystack):
            return UNKNOWN
        if any(_matches(o, x) for o in info.option_values() for x in haystack):
            return UNKNOWN
        self.impossible.append(ImpossibleComparison(path, info.id, haystack))
        return False
