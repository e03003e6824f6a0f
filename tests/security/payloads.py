"""Hostile strings and a generic way to plant them in every text of a definition or an application.

The walk is generic on purpose: it does not list which keys are texts, it tries every string and keeps
the payload wherever the definition stays valid, so a text added to the format later is covered too."""
from __future__ import annotations

import copy
import re

from runtime.engine.validation import validate_definition

SCRIPT = "<script>alert(1)</script>"
ATTRIBUTE = '"><img src=x onerror=alert(1)>'
SINGLE_QUOTE = "'><svg onload=alert(1)>"
PAYLOAD = SCRIPT + ATTRIBUTE + SINGLE_QUOTE
JS_URL = "javascript:alert(1)"

# What must never reach a page unescaped: each would run script in a browser.
DANGEROUS = ("<script>alert(1)", "<img src=x onerror", "<svg onload", 'href="javascript:', "href='javascript:",
             'src="javascript:')
# Keys whose values are references, codes or enumerations: changing them changes what the definition
# means (and validation would refuse most of them anyway).
_NOT_TEXT = re.compile(r"(^|_)(id|ids|code|codes|type|types|unit|rank|nature|format|formats|source|kind|field|"
                       r"material|step|group|ref|sha256|media_type|level|levels|channel|when|op|var|date|"
                       r"prefill|pattern|dict|schema_version|handle_area|depth|power_source|project_type|"
                       r"use_levels|service_objects|handle_forms|delivery|severity|on)$")


def unescaped(html: str) -> list[str]:
    """The dangerous fragments present verbatim in ``html`` (empty when everything was escaped)."""
    return [d for d in DANGEROUS if d in html]


def _paths(node, path=()):
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, path + (key,))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _paths(value, path + (i,))
    elif isinstance(node, str):
        yield path


def _get(doc, path):
    for part in path:
        doc = doc[part]
    return doc


def _set(doc, path, value):
    _get(doc, path[:-1])[path[-1]] = value


def _json_path(path) -> str:
    from runtime.engine.problems import json_path
    return json_path(path)


def _is_text(path) -> bool:
    key = next((p for p in reversed(path) if isinstance(p, str)), "")
    return not _NOT_TEXT.search(key)


def poison_definition(definition: dict, payload: str = PAYLOAD) -> tuple[dict, list[tuple]]:
    """A copy of ``definition`` with ``payload`` appended to every text that stays valid with it; URLs
    become ``javascript:`` URLs where the format lets them. Returns the copy and the poisoned paths."""
    doc = copy.deepcopy(definition)
    originals = {}
    for path in _paths(doc):
        if not _is_text(path):
            continue
        value = _get(doc, path)
        originals[path] = value
        _set(doc, path, JS_URL if value.startswith(("http://", "https://")) else value + payload)
    for _round in range(20):
        problems = [p for p in validate_definition(doc) if p.severity == "error"]
        if not problems:
            break
        bad = {p.path for p in problems}
        reverted = [path for path in originals if any(b == _json_path(path) or b.startswith(_json_path(path) + ".")
                                                      or _json_path(path).startswith(b) for b in bad)]
        if not reverted:
            raise AssertionError(f"cannot make the poisoned definition valid: {problems[:3]}")
        for path in reverted:
            _set(doc, path, originals.pop(path))
    else:
        raise AssertionError("the poisoned definition never became valid")
    return doc, list(originals)
