"""Render simple JsonLogic conditions as Chinese sentences, using field labels and option texts.

Used to tell an applicant *why* a material applies ("因组成形式为家庭经营") when the author gave no
explicit reason, and by the builder to show a condition to admins who never see JSON.
Conditions it cannot phrase come back as None; callers then fall back to a generic text.
"""
from __future__ import annotations

from .definition_index import DefinitionIndex

_COMPARE = {"==": "为", "===": "为", "!=": "不为", "!==": "不为", ">": "大于", ">=": "不小于", "<": "小于",
            "<=": "不大于"}


def describe(expr, index: DefinitionIndex) -> str | None:
    try:
        return _describe(expr, index)
    except (TypeError, ValueError, KeyError, AttributeError):
        return None


def _describe(expr, index):
    if not isinstance(expr, dict) or len(expr) != 1:
        return None
    op, args = next(iter(expr.items()))
    args = args if isinstance(args, list) else [args]
    if op == "var":
        return _truthy_phrase(args[0], index, True)
    if op == "!" and len(args) == 1 and _is_var(args[0]):
        return _truthy_phrase(_var_name(args[0]), index, False)
    if op == "!!" and len(args) == 1 and _is_var(args[0]):
        return _truthy_phrase(_var_name(args[0]), index, True)
    if op in ("and", "or"):
        parts = [_describe(a, index) for a in args]
        if any(p is None for p in parts):
            return None
        return ("且" if op == "and" else "或").join(parts)
    if op in _COMPARE and len(args) == 2:
        left, right = args
        if not _is_var(left):
            return None
        name = _var_name(left)
        return f"{_label(name, index)}{_COMPARE[op]}{_value_text(name, right, index)}"
    if op == "in" and len(args) == 2 and _is_var(args[0]) and isinstance(args[1], list):
        name = _var_name(args[0])
        return f"{_label(name, index)}为" + "或".join(_value_text(name, v, index) for v in args[1])
    return None


def _is_var(node) -> bool:
    return isinstance(node, dict) and len(node) == 1 and "var" in node


def _var_name(node) -> str:
    arg = node["var"]
    return arg[0] if isinstance(arg, list) else arg


def _label(var: str, index: DefinitionIndex) -> str:
    parts = var.split(".")
    if parts[0] == "answers" and len(parts) >= 2 and parts[1] in index.fields:
        return f"“{index.fields[parts[1]].label}”"
    if parts[0] == "computed" and len(parts) == 2 and parts[1] in index.computed:
        return f"“{index.computed[parts[1]][0]['label']}”"
    if parts[0] == "materials" and len(parts) >= 2 and parts[1] in index.materials:
        return f"“{index.materials[parts[1]][0]['name']}”"
    raise ValueError(var)


def _truthy_phrase(var: str, index: DefinitionIndex, positive: bool) -> str:
    parts = var.split(".")
    if parts[0] == "answers" and len(parts) == 2 and parts[1] in index.fields:
        info = index.fields[parts[1]]
        if info.type in ("yes_no", "declaration"):
            return f"{_label(var, index)}选择“{'是' if positive else '否'}”"
        return f"已填写{_label(var, index)}" if positive else f"未填写{_label(var, index)}"
    if parts[0] == "materials" and len(parts) == 3 and parts[2] == "provided":
        return f"已提供{_label(var, index)}" if positive else f"未提供{_label(var, index)}"
    raise ValueError(var)


def _value_text(var: str, value, index: DefinitionIndex) -> str:
    parts = var.split(".")
    if parts[0] == "answers" and len(parts) == 2 and parts[1] in index.fields:
        info = index.fields[parts[1]]
        for option in info.spec.get("options", []):
            if option["value"] == value:
                return option["label"]
        if info.type == "yes_no" and isinstance(value, bool):
            return "是" if value else "否"
        if info.type == "money" and isinstance(value, (int, float)):
            return f"{value / 100:,.2f}".rstrip("0").rstrip(".") + " 元"   # 3,000,000 元, never 3e+06
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, (str, int, float)):
        return str(value)
    raise ValueError(value)
