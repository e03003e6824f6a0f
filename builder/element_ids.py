"""Identifiers for definition elements generated from their Chinese labels (pypinyin), so an author
never types an ASCII id: 营业执照 -> ``yingyezhizhao``; unique within the scope the caller passes
(``_2``, ``_3`` …). Also which ids a published version already uses: those are frozen, since answers,
conditions and other counties' copies refer to them."""
from __future__ import annotations

import re
from collections.abc import Iterable

from pypinyin import lazy_pinyin

ID_PATTERN = re.compile(r"^[a-z][a-z0-9_]{0,63}$")
MAX_LENGTH = 32  # readable in a condition or a JSON path; the format allows 64
_PASS = "\x00"   # marks the parts pypinyin passed through (not Chinese characters)


def id_from_label(label: str, taken: Iterable[str] = (), fallback: str = "item") -> str:
    """A valid id for ``label`` that is not in ``taken``: Chinese in pinyin (one word per run of
    characters), letters and digits kept, anything else separating words."""
    fallback = fallback if ID_PATTERN.match(fallback or "") else "item"
    words: list[str] = []
    word = ""
    for part in lazy_pinyin(str(label or "")[:200], errors=lambda text: [_PASS + text]):
        if not part.startswith(_PASS):
            word += re.sub(r"[^a-z]", "", part.lower())  # ü comes back as "v" or "u:" in some styles
            continue
        runs = re.split(r"[^a-z0-9]+", part[1:].lower())
        if word and runs and part[1:2].isalnum():  # "ABC" right after Chinese continues the word
            runs[0], word = word + runs[0], ""
        words += [w for w in ([word] if word else []) + runs if w]
        word = ""
    if word:
        words.append(word)
    text = ""
    for w in words:  # cut at a word boundary, or inside the first word if it alone is too long
        candidate = f"{text}_{w}" if text else w
        if len(candidate) > MAX_LENGTH:
            text = text or w[:MAX_LENGTH]
            break
        text = candidate
    if not text:
        text = fallback
    elif not text[0].isalpha():
        text = f"{fallback}_{text}"[:MAX_LENGTH]
    return unique(text, taken)


def unique(base: str, taken: Iterable[str]) -> str:
    used = set(taken)
    if base not in used:
        return base
    n = 2
    while f"{base}_{n}" in used:
        n += 1
    return f"{base}_{n}"


def published_ids(definition: dict | None) -> list[str]:
    """``list:id`` for every element with an id in a published definition (``options:value`` for
    choice options), so the designer can freeze them."""
    found: set[str] = set()

    def walk(node, key=""):
        if isinstance(node, dict):
            for k, v in node.items():
                walk(v, k)
        elif isinstance(node, list):
            for entry in node:
                if isinstance(entry, dict):
                    ident = entry.get("value") if key == "options" else entry.get("id")
                    if isinstance(ident, str):
                        found.add(f"{key}:{ident}")
                walk(entry, key)

    walk(definition or {})
    return sorted(found)
