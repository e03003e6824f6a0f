"""JSON Schema validation of definitions, with every error located and worded in Chinese."""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from jsonschema import Draft202012Validator

from .definition import SCHEMA_VERSION
from .messages import render
from .problems import Problem, json_path

SCHEMA_PATH = Path(__file__).resolve().parents[2] / "item_defs" / "schema" / "item-definition.schema.json"

_TYPE_NAMES = {"string": "文本", "integer": "整数", "number": "数字", "boolean": "是/否", "object": "对象",
               "array": "列表", "null": "空值"}


@lru_cache(maxsize=1)
def definition_schema() -> dict:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _validator() -> Draft202012Validator:
    return Draft202012Validator(definition_schema())


def version_problem(doc) -> Problem | None:
    """Refuse newer format versions with a clear message rather than a pile of schema errors."""
    version = doc.get("schema_version") if isinstance(doc, dict) else None
    if version is None or version == SCHEMA_VERSION:
        return None
    try:
        newer = tuple(int(x) for x in str(version).split(".")) > tuple(int(x) for x in SCHEMA_VERSION.split("."))
    except ValueError:
        return Problem("$.schema_version", "schema.version_unknown", render("schema.version_unknown", version=version))
    if newer:
        return Problem("$.schema_version", "schema.version_newer",
                       render("schema.version_newer", version=version, supported=SCHEMA_VERSION))
    # older: definition_migrations.upgrade_definition must run first (the bundle reader does)
    return Problem("$.schema_version", "schema.version_older",
                   render("schema.version_older", version=version, supported=SCHEMA_VERSION))


def schema_problems(doc) -> list[Problem]:
    """Every schema error of ``doc``, most specific first, one problem per location and kind."""
    problem = version_problem(doc)
    if problem:
        return [problem]
    problems: list[Problem] = []
    seen = set()
    for error in _validator().iter_errors(doc):
        for leaf in _leaves(error):
            problem = _to_problem(leaf)
            key = (problem.path, problem.code, problem.message)
            if key not in seen:
                seen.add(key)
                problems.append(problem)
    problems.sort(key=lambda p: p.path)
    return problems


def _leaves(error):
    """oneOf/anyOf/allOf wrap the real causes; report the causes where they are informative."""
    if error.validator in ("allOf",) and error.context:
        for sub in error.context:
            yield from _leaves(sub)
        return
    yield error


def _name(error) -> str:
    """The Chinese title of the innermost schema node on the error's schema path."""
    title = None
    node = definition_schema()
    for key in list(error.absolute_schema_path)[:-1]:
        node = _resolve(node)
        try:
            node = node[key]
        except (KeyError, IndexError, TypeError):
            break
        if isinstance(node, dict) and node.get("title"):
            title = node["title"]
        resolved = _resolve(node)
        if resolved is not node and isinstance(resolved, dict) and resolved.get("title") and not (
                isinstance(node, dict) and node.get("title")):
            title = resolved["title"]
    if not title:
        path = [p for p in error.absolute_path if not isinstance(p, int)]
        title = path[-1] if path else "事项定义"
    return str(title)


def _resolve(node):
    if isinstance(node, dict) and isinstance(node.get("$ref"), str) and node["$ref"].startswith("#/$defs/"):
        return definition_schema()["$defs"].get(node["$ref"].split("/")[-1], node)
    return node


def _to_problem(error) -> Problem:
    path = list(error.absolute_path)
    name = _name(error)
    v = error.validator
    value = error.instance
    if v == "required":
        missing = error.message.split("'")[1] if "'" in error.message else ""
        sub = (error.schema.get("properties") or {}).get(missing, {}) if isinstance(error.schema, dict) else {}
        label = _resolve_title(sub) or missing
        return Problem(json_path(path + [missing]), "schema.required", render("schema.required", name=label))
    if v == "type":
        expected = error.validator_value
        expected = expected if isinstance(expected, list) else [expected]
        return Problem(json_path(path), "schema.type",
                       render("schema.type", name=name, expected="或".join(_TYPE_NAMES.get(t, t) for t in expected)))
    if v == "enum":
        labels = error.schema.get("x-enum-labels", {}) if isinstance(error.schema, dict) else {}
        allowed = "、".join(f"{a}({labels[a]})" if a in labels else str(a) for a in error.validator_value)
        return Problem(json_path(path), "schema.enum", render("schema.enum", name=name, value=_short(value), allowed=allowed))
    if v == "const":
        return Problem(json_path(path), "schema.const", render("schema.const", name=name, expected=error.validator_value))
    if v == "pattern":
        return Problem(json_path(path), "schema.pattern", render("schema.pattern", name=name, value=_short(value)))
    simple = {"minLength": "schema.min_length", "maxLength": "schema.max_length", "minimum": "schema.minimum",
              "maximum": "schema.maximum", "minItems": "schema.min_items", "maxItems": "schema.max_items",
              "minProperties": "schema.min_properties", "maxProperties": "schema.max_properties"}
    if v in simple:
        return Problem(json_path(path), simple[v], render(simple[v], name=name, limit=error.validator_value))
    if v == "uniqueItems":
        return Problem(json_path(path), "schema.unique_items", render("schema.unique_items", name=name))
    if v in ("additionalProperties", "unevaluatedProperties"):
        allowed = set((error.schema.get("properties") or {}).keys()) if isinstance(error.schema, dict) else set()
        extra = sorted(k for k in value if k not in allowed) if isinstance(value, dict) else []
        if v == "unevaluatedProperties":
            extra = sorted(_unevaluated_keys(error))
        return Problem(json_path(path), "schema.unknown_key",
                       render("schema.unknown_key", name=name, keys="、".join(extra) or error.message))
    if v == "oneOf":
        return Problem(json_path(path), "schema.one_of", render("schema.one_of", name=name))
    if v == "not":
        return Problem(json_path(path), "schema.not", render("schema.not", name=name))
    return Problem(json_path(path), "schema.other", render("schema.other", name=name, detail=error.message))


def _unevaluated_keys(error):
    # jsonschema words it "... ('a', 'b' were unexpected)"; pull the quoted names out.
    msg = error.message
    inside = msg[msg.rfind("(") + 1:] if "(" in msg else msg
    return [part.split("'")[1] for part in inside.split(",") if part.count("'") >= 2]


def _resolve_title(sub: dict) -> str | None:
    if not isinstance(sub, dict):
        return None
    if sub.get("title"):
        return sub["title"]
    ref = sub.get("$ref")
    if ref and ref.startswith("#/$defs/"):
        target = definition_schema()["$defs"].get(ref.split("/")[-1], {})
        return target.get("title")
    return None


def _short(value) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + "…"
