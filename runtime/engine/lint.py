"""Semantic checks a JSON Schema cannot express, each located by a JSON path.

Runs on schema-valid documents. Errors block publishing; warnings are quality hints
(办事指南准确度: missing 受理标准, uncompressed promised limits …).
"""
from __future__ import annotations

import re
from datetime import date

from runtime import logic
from runtime.engine import identifiers

from .condition_analysis import ConditionAnalysis
from .definition_index import DefinitionIndex, CHOICE_TYPES
from .messages import render
from .problems import ERROR, WARNING, Problem, json_path

KNOWN_TASK_TYPES = frozenset({"00", "01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "20", "21"})
RANK_ORDER = ["law", "administrative_regulation", "local_regulation", "rule", "normative_document"]
UNIT_LABEL = {"working_day": "工作日", "natural_day": "自然日"}
NUMERIC_BOUND_TYPES = frozenset({"number", "money"})
LENGTH_TYPES = frozenset({"text", "textarea", "email", "phone"})
PLACEHOLDER = re.compile(r"\{([^{}]+)\}")
JS_INCOMPATIBLE_REGEX = re.compile(r"\(\?P|\\A|\\Z|\(\?[aiLmsux]+[:)]|\(\?#")
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def lint(doc: dict, index: DefinitionIndex | None = None) -> list[Problem]:
    index = index or DefinitionIndex.build(doc)
    problems: list[Problem] = []
    for check in (_duplicate_ids, _logic_sites, _computed_cycles, _time_limits, _fees, _implementation,
                  _catalogue, _materials, _fields, _rules):
        problems.extend(check(doc, index))
    return problems


def _p(path, code, severity=ERROR, /, **params) -> Problem:  # "/": messages may have a {code}
    return Problem(json_path(path), code, render(code, **params), severity)


_KIND_LABEL = {"step": "表单步骤", "field": "表单字段", "computed": "计算值", "material": "申请材料", "rule": "预审规则",
               "fee": "收费项目", "special_procedure": "特别程序", "process": "办理环节", "faq": "常见问题",
               "download": "服务表格"}


def _duplicate_ids(doc, index):
    for kind, ident, path, first in index.duplicates:
        yield _p(tuple(path) + ("id",), "lint.duplicate_id", id=ident, kind=_KIND_LABEL[kind], first=json_path(first))


# -- JsonLogic --------------------------------------------------------------------------------
def _logic_sites(doc, index):
    analysis = ConditionAnalysis(index)
    for site in index.logic_sites:
        yield from _check_site(site, index, analysis)


# Inside some/all/none/map/filter/reduce, ``var`` reads the array element: a path starting with one of
# these reads nothing there, so the condition silently never holds.
_CONTEXT_ROOTS = frozenset({"answers", "computed", "applicant", "materials", "licences", "today"})


def _check_site(site, index, analysis):
    bad_ops = logic.unknown_operations(site.expr)
    for sub_path, op in bad_ops:
        yield _p(site.path + tuple(sub_path), "lint.logic_unknown_op", op=op)
    if bad_ops:
        return
    try:
        logic.compile_rule(site.expr)
    except logic.LogicError as exc:
        yield _p(site.path, "lint.logic_compile", detail=str(exc))
        return
    unknown = False
    for var in logic.referenced_vars(site.expr):
        if not isinstance(var, str) or not index.known_var(var, site.group_id):
            unknown = True
            yield _p(site.path, "lint.logic_unknown_var", var=var)
        elif site.owner_kind == "field" and var in (f"answers.{site.owner_id}", f"row.{site.owner_id}"):
            yield _p(site.path, "lint.logic_self_reference", field=index.fields[site.owner_id].label)
    for var in logic.scoped_vars(site.expr):
        if var.split(".", 1)[0] in _CONTEXT_ROOTS:
            yield _p(site.path, "lint.logic_root_in_scope", WARNING, var=var)
    if unknown or not site.is_condition:
        return
    before = len(analysis.impossible)
    decided = analysis.decide(site.expr)
    for item in analysis.impossible[before:]:
        value = item.value if not isinstance(item.value, list) else "、".join(map(str, item.value))
        yield _p(site.path + item.path, "lint.logic_never_option", field=index.fields[item.field_id].label, value=value)
    if decided is None and not logic.referenced_vars(site.expr) and not _reads_data(site.expr):
        decided = logic.truthy(logic.evaluate(site.expr, {}))
    if decided is True:
        yield _p(site.path, "lint.logic_constant", WARNING, value="真")
    elif decided is False:
        yield _p(site.path, "lint.logic_constant", ERROR, value="假")


def _reads_data(expr) -> bool:
    """Whether an expression reads the data at all (var, missing …), including inside map/filter."""
    if isinstance(expr, dict):
        return any(op in ("var", "missing", "missing_some") or _reads_data(a) for op, a in expr.items())
    if isinstance(expr, list):
        return any(_reads_data(a) for a in expr)
    return False


def _computed_cycles(doc, index):
    graph = {}
    for cid, (spec, _path) in index.computed.items():
        try:
            refs = logic.referenced_vars(spec["logic"])
        except Exception:  # reported by _logic_sites
            refs = []
        graph[cid] = [r.split(".")[1] for r in refs if isinstance(r, str) and r.startswith("computed.")
                      and r.split(".")[1] in index.computed]
    state: dict = {}
    reported = set()

    def visit(node, trail):
        state[node] = "active"
        for nxt in graph.get(node, []):
            if state.get(nxt) == "active":
                cycle = trail[trail.index(nxt):] + [nxt]
                key = frozenset(cycle)
                if key not in reported:
                    reported.add(key)
                    yield _p(index.computed[nxt][1] + ("logic",), "lint.computed_cycle", cycle=" → ".join(cycle))
            elif nxt not in state:
                yield from visit(nxt, trail + [nxt])
        state[node] = "done"

    for node in graph:
        if node not in state:
            yield from visit(node, [node])


# -- time limits, fees, codes -------------------------------------------------------------------
def _fmt(duration) -> str:
    return f"{duration['value']} 个{UNIT_LABEL[duration['unit']]}"


def _time_limits(doc, index):
    limits = doc["time_limits"]
    legal, promised = limits["legal"], limits["promised"]
    path = ("time_limits", "promised", "value")
    if legal["unit"] == promised["unit"]:
        if promised["value"] > legal["value"]:
            yield _p(path, "lint.promised_exceeds_legal", promised=_fmt(promised), legal=_fmt(legal))
        elif legal["value"] > 0 and promised["value"] > legal["value"] * 0.7:
            yield _p(path, "lint.promised_not_compressed", WARNING, promised=_fmt(promised), legal=_fmt(legal))
    elif promised["unit"] == "working_day" and promised["value"] > legal["value"]:
        # n working days always span at least n natural days.
        yield _p(path, "lint.promised_exceeds_legal", promised=_fmt(promised), legal=_fmt(legal))
    else:
        yield _p(path, "lint.units_differ", WARNING, promised=_fmt(promised), legal=_fmt(legal))


def _fees(doc, index):
    charges = doc["guide"]["charges"]
    fees = doc.get("fees") or []
    if charges and not fees:
        yield _p(("guide", "charges"), "lint.fees_missing")
    if not charges and fees:
        yield _p(("fees",), "lint.fees_not_charged")
    for i, fee in enumerate(fees):
        amount = fee["amount"]
        if isinstance(amount, dict) and not logic.referenced_vars(amount) and not _reads_data(amount) \
                and not logic.unknown_operations(amount):
            try:
                value = logic.evaluate(amount, {})
            except logic.LogicError:
                continue
            if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
                yield _p(("fees", i, "amount"), "lint.fee_amount")


def _implementation(doc, index):
    impl = doc["implementation"]
    visits = impl.get("visits")
    if visits and visits["count"] > 0 and not visits.get("reason"):
        yield _p(("implementation", "visits", "reason"), "lint.visits_reason")
    body = impl["implementing_body"]
    for path, code in ((("implementation", "implementing_body", "credit_code"), body.get("credit_code")),
                       (("implementation", "department", "code"), impl["department"].get("code"))):
        if code and not identifiers.is_valid_uscc(code):
            yield _p(path, "lint.credit_code", value=code)
    entrusted = body["nature"] == "3" or impl.get("power_source") in ("5", "6")
    if entrusted and not body.get("entrusting_unit"):
        yield _p(("implementation", "implementing_body", "entrusting_unit"), "lint.entrusting_unit")
    code, basic = impl["implementation_code"], doc["catalogue"]["basic_code"]
    if len(code) == 31 and not code.endswith(basic):
        yield _p(("implementation", "implementation_code"), "lint.implementation_code", WARNING, code=code, basic=basic)
    online = impl.get("online") or {}
    if online.get("enabled") and not online.get("url"):
        yield _p(("implementation", "online", "url"), "lint.online_url", WARNING)


def _catalogue(doc, index):
    cat = doc["catalogue"]
    if cat.get("task_type_dict", "GB/T 39046-2020") == "GB/T 39046-2020" and cat["task_type"] not in KNOWN_TASK_TYPES:
        yield _p(("catalogue", "task_type"), "lint.task_type_unknown", code=cat["task_type"])
    previous = None
    for i, basis in enumerate(cat["legal_basis"]):
        if previous and RANK_ORDER.index(basis["rank"]) < RANK_ORDER.index(previous["rank"]):
            yield _p(("catalogue", "legal_basis", i), "lint.basis_order", WARNING, law=basis["law"], previous=previous["law"])
        previous = basis


# -- materials, fields, rules -------------------------------------------------------------------
def _materials(doc, index):
    for mid, (spec, path) in index.materials.items():
        if spec["necessity"] == "tolerated" and not spec.get("supplement_days"):
            yield _p(path + ("supplement_days",), "lint.tolerated_days")
        if spec["necessity"] != "tolerated" and spec.get("supplement_days"):
            yield _p(path + ("supplement_days",), "lint.supplement_days_unused", WARNING)
        if not spec.get("acceptance_standard"):
            yield _p(path + ("acceptance_standard",), "lint.acceptance_standard", WARNING, name=spec["name"])
        source = spec["source"]
        if source["channel"] == "government" and not source.get("licence_type") and not source.get("issuer"):
            yield _p(path + ("source",), "lint.licence_type", WARNING, name=spec["name"])


def _fields(doc, index):
    for info in index.fields.values():
        yield from _field_problems(info)


def _field_problems(info):
    spec, path, ftype = info.spec, info.path, info.type
    options = spec.get("options")
    if ftype in CHOICE_TYPES:
        if not options:
            yield _p(path + ("options",), "lint.options_missing")
        seen = set()
        for i, option in enumerate(options or []):
            if option["value"] in seen:
                yield _p(path + ("options", i, "value"), "lint.option_duplicate", value=option["value"])
            seen.add(option["value"])
    elif options is not None:
        yield _p(path + ("options",), "lint.options_unexpected")
    if ftype == "group" and not spec.get("fields"):
        yield _p(path + ("fields",), "lint.group_fields")
    if ftype != "group" and "fields" in spec:
        yield _p(path + ("fields",), "lint.fields_unexpected")
    if ftype == "declaration" and not spec.get("statement"):
        yield _p(path + ("statement",), "lint.statement_missing")
    if "pattern" in spec:
        yield from _pattern_problems(spec["pattern"], path + ("pattern",))
    yield from _bound_problems(spec, path, ftype)
    lo, hi = spec.get("min_length"), spec.get("max_length")
    if lo is not None and hi is not None and lo > hi:
        yield _p(path + ("min_length",), "lint.length_range")
    lo, hi = spec.get("min_items"), spec.get("max_items")
    if lo is not None and hi is not None and lo > hi:
        yield _p(path + ("min_items",), "lint.items_range")


def _pattern_problems(pattern, path):
    if JS_INCOMPATIBLE_REGEX.search(pattern):
        yield _p(path, "lint.pattern_invalid", detail="使用了浏览器不支持的语法")
        return
    try:
        re.compile(pattern)
    except re.error as exc:
        yield _p(path, "lint.pattern_invalid", detail=str(exc))


def _bound_problems(spec, path, ftype):
    lo, hi = spec.get("min"), spec.get("max")
    if lo is None and hi is None:
        return
    if ftype == "date":
        for key in ("min", "max"):
            value = spec.get(key)
            if value is not None and not (value == "today" or (isinstance(value, str) and _iso(value))):
                yield _p(path + (key,), "lint.date_bound")
        return
    if ftype not in NUMERIC_BOUND_TYPES:
        yield _p(path + ("min" if lo is not None else "max",), "lint.field_bound_unsupported",
                 type=ftype, key="min/max")
        return
    for key, value in (("min", lo), ("max", hi)):
        if value is not None and (isinstance(value, bool) or not isinstance(value, (int, float))):
            yield _p(path + (key,), "lint.bound_type", type=ftype)
            return
    if lo is not None and hi is not None and lo > hi:
        yield _p(path + ("min",), "lint.min_max")


def _iso(value: str) -> bool:
    if not ISO_DATE.match(value):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _rules(doc, index):
    for rid, (spec, path) in index.rules.items():
        target = spec.get("target") or {}
        if "field" in target:
            info = index.field(target["field"])
            if info is None:
                yield _p(path + ("target", "field"), "lint.dangling_field", id=target["field"])
            elif info.group_id is not None:
                yield _p(path + ("target", "field"), "lint.target_step_hidden", WARNING, id=target["field"])
        if "material" in target and target["material"] not in index.materials:
            yield _p(path + ("target", "material"), "lint.dangling_material", id=target["material"])
        for placeholder in PLACEHOLDER.findall(spec["message"]):
            if not index.known_var(placeholder.strip()):
                yield _p(path + ("message",), "lint.message_placeholder", placeholder=placeholder)
