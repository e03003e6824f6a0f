"""One entry point for "is this definition publishable?": schema first, then semantic lint."""
from __future__ import annotations

import logging

from runtime import strict_json

from .definition_index import DefinitionIndex
from .lint import lint
from .messages import render
from .problems import Problem, has_errors
from .schema import schema_problems


_log = logging.getLogger(__name__)


def validate_definition(doc) -> list[Problem]:
    """Every problem of ``doc``. Lint needs a structurally valid document, so it runs only when
    the schema is satisfied; schema errors alone are then the complete list to fix first."""
    if not isinstance(doc, dict):
        return schema_problems(doc)
    if strict_json.too_deep(doc):   # before anything recursive reads it
        return [Problem("$", "schema.too_deep", render("schema.too_deep", limit=strict_json.MAX_DEPTH))]
    problems = schema_problems(doc)
    if has_errors(problems):
        return problems
    try:
        index = DefinitionIndex.build(doc)
        found = lint(doc, index)
    except Exception as exc:  # noqa: BLE001 - a lint bug must never lock an author out of the draft
        _log.exception("lint failed")
        found = [Problem("$", "lint.crashed", render("lint.crashed", detail=type(exc).__name__))]
    return problems + sorted(found, key=lambda p: (p.severity != "error", p.path))


def is_valid(doc) -> bool:
    return not has_errors(validate_definition(doc))
