"""Read one form step out of a browser's POST: only the fields the definition declares for that step
are taken (forged names are ignored), each in the raw string shape the engine coerces. Pure: takes a
MultiDict-like object, returns plain data."""
from __future__ import annotations

import re

MAX_TEXT = 20000          # the schema's largest max_length; longer posts are cut, not stored whole
MAX_ROWS = 200            # the schema's largest max_items
_ROW_KEY = re.compile(r"^(?P<group>[A-Za-z][A-Za-z0-9_]*)-(?P<row>\d{1,3})-(?P<field>[A-Za-z][A-Za-z0-9_]*)$")


def _text(value) -> str:
    return str(value)[:MAX_TEXT]


def _field_value(field, form, name: str):
    kind = field.check.type
    if kind == "checkbox_group":
        return [_text(v) for v in form.getlist(name)][:500]
    if kind == "declaration":
        return "true" if form.get(name) else "false"
    value = form.get(name)
    return None if value is None else _text(value)


def group_rows(field, form) -> list[dict]:
    """Rows of a repeating group posted as ``<group>-<n>-<sub>``; ``<group>-count`` keeps empty rows."""
    rows: dict[int, dict] = {}
    subs = {sub.id: sub for sub in field.sub_fields}
    for key in form.keys():
        match = _ROW_KEY.match(key)
        if not match or match["group"] != field.id or match["field"] not in subs:
            continue
        index = int(match["row"])
        if index < MAX_ROWS:
            rows.setdefault(index, {})[match["field"]] = _field_value(subs[match["field"]], form, key)
    try:
        count = min(int(form.get(f"{field.id}-count", 0)), MAX_ROWS)
    except ValueError:
        count = 0
    for index in range(count):
        rows.setdefault(index, {})
    for row in rows.values():  # unticked declarations/checkboxes in a row are absent from the post
        for sub in field.sub_fields:
            if sub.id not in row:
                row[sub.id] = _field_value(sub, form, f"{field.id}-x-{sub.id}")
    return [rows[i] for i in sorted(rows)]


def bind_fields(fields, form) -> dict:
    """Answers for each of ``fields`` (compiled fields) from the posted form."""
    answers = {}
    for field in fields:
        if field.check.type == "group":
            answers[field.id] = group_rows(field, form)
        else:
            answers[field.id] = _field_value(field, form, field.id)
    return answers


def row_action(form) -> tuple[str, str, int | None] | None:
    """The no-JavaScript row buttons: ``add_row=<group>`` or ``remove_row=<group>-<n>``."""
    if form.get("add_row"):
        return "add", form["add_row"], None
    if form.get("remove_row"):
        group, _, index = form["remove_row"].rpartition("-")
        if index.isascii() and index.isdigit():
            return "remove", group, int(index)
    return None
