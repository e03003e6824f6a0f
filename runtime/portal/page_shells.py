"""Page shells: a template rendered once per key (template, item version, page, locale, script root,
signed in or not) with markers where the per-request parts go, then filled in for each request.

Rendering the whole Jinja page cost more than everything else of a form step together; most of it
is the same for every applicant (layout, titles, labels, buttons, translations). The shell holds
only that: every part about the visitor (CSRF token, resume token, answers, errors, flashed
messages) is a *slot*, filled by the same helper a full render calls, so a cached page and a fresh
render are the same HTML (tests/portal/test_page_shells.py). Bounded, per process; the key holds
the definition checksum, so a newly published version gets new shells at once.
"""
from __future__ import annotations

import re
import secrets
import threading
from collections import OrderedDict
from typing import Callable

from flask import render_template
from markupsafe import Markup

MAX_SHELLS = 256
_NONCE = secrets.token_hex(8)           # per process: no definition text can contain a marker
_MARKER = re.compile(f"zq{_NONCE}([a-z_]+)qz")
_shells: OrderedDict = OrderedDict()
_lock = threading.Lock()


def _marker(name: str) -> str:
    # Letters and digits only: unchanged by HTML escaping and URL quoting inside the template.
    return f"zq{_NONCE}{name}qz"


def render_shell(template: str, key: tuple, static: dict, helpers: dict[str, Callable[[], str]],
                 variables: dict[str, Callable[[], str]], placeholders: tuple = ()) -> str:
    """Render ``template`` from its cached shell.

    ``static``: the context the shell may depend on (must be determined by ``key``).
    ``helpers``: template functions whose output is per request (name → producer of this request's
    output, markup-safe). ``variables``: per-request string variables the template only places into
    URLs or attributes (name → this request's value, already safe for that place).
    ``placeholders``: names of other per-request variables the template only hands to helpers."""
    full_key = (template, *key)
    with _lock:
        parts = _shells.get(full_key)
        if parts is not None:
            _shells.move_to_end(full_key)
    if parts is None:
        parts = _build(template, static, helpers, variables, placeholders)
        with _lock:
            _shells[full_key] = parts
            while len(_shells) > MAX_SHELLS:
                _shells.popitem(last=False)
    producers = {**helpers, **variables}
    filled = {}
    out = []
    for i, part in enumerate(parts):
        if i % 2 == 0:
            out.append(part)
        else:
            if part not in filled:
                filled[part] = str(producers[part]())
            out.append(filled[part])
    return "".join(out)


def _build(template: str, static: dict, helpers: dict, variables: dict, placeholders: tuple) -> list[str]:
    """The template rendered with markers, split into [text, slot name, text, slot name, …, text]."""
    context = dict(static)
    context.update({name: None for name in placeholders})
    context.update({name: _marker_function(name) for name in helpers})
    context.update({name: _marker(name) for name in variables})
    html = render_template(template, **context)
    parts = _MARKER.split(html)
    unknown = set(parts[1::2]) - set(helpers) - set(variables)
    if unknown:  # cannot happen unless a marker was mangled; never serve such a shell
        raise RuntimeError(f"page shell {template}: unexpected slots {sorted(unknown)}")
    return parts


def _marker_function(name: str):
    def marker(*_args, **_kwargs):
        return Markup(_marker(name))
    return marker


def clear() -> None:
    with _lock:
        _shells.clear()
