"""Chinese punctuation for print. Definitions, answers and settings often carry ASCII , ; : ( ) typed
with a Latin keyboard; in Chinese text a printed official document uses the full-width forms (GB/T
15834). Only punctuation touching Chinese text changes: 1,000.00 元, 9:00-12:00, GB/T 39046-2020 and
URLs stay as they are. Applied when printing; stored data is never rewritten."""
from __future__ import annotations

FULL = {",": "\uff0c", ";": "\uff1b", ":": "\uff1a", "!": "\uff01", "?": "\uff1f"}
OPEN, CLOSE = "(", ")"


def is_cjk(char: str) -> bool:
    code = ord(char)
    return (0x3000 <= code <= 0x303F or 0x3400 <= code <= 0x4DBF or 0x4E00 <= code <= 0x9FFF
            or 0xF900 <= code <= 0xFAFF or 0xFF00 <= code <= 0xFFEF or 0x20000 <= code <= 0x3134F
            or char in "\u201c\u201d\u2018\u2019\u2026\u2014\u00b7")


def _neighbour(text: str, index: int, step: int) -> str:
    index += step
    while 0 <= index < len(text) and text[index] == " ":
        index += step
    return text[index] if 0 <= index < len(text) else ""


def _parentheses(chars: list[str]) -> None:
    """Full-width parentheses for a matched pair that touches or contains Chinese text."""
    stack = []
    for index, char in enumerate(chars):
        if char == OPEN:
            stack.append(index)
        elif char == CLOSE and stack:
            start = stack.pop()
            inner = chars[start + 1:index]
            before = chars[start - 1] if start > 0 else ""
            if any(is_cjk(c) for c in inner) or (before and is_cjk(before)):
                chars[start], chars[index] = "\uff08", "\uff09"


def chinese_punctuation(text: str) -> str:
    if not any(c in text for c in ",;:!?()"):
        return text
    chars = list(text)
    _parentheses(chars)
    joined = "".join(chars)
    for index, char in enumerate(joined):
        if char in FULL:
            before, after = _neighbour(joined, index, -1), _neighbour(joined, index, 1)
            if (before and is_cjk(before)) or (after and is_cjk(after)):
                chars[index] = FULL[char]
    return "".join(chars)


def finalize(value):
    """Jinja ``finalize``: every printed string goes through here; markup (CSS, macro output) does not."""
    if isinstance(value, str) and not hasattr(value, "__html__"):
        return chinese_punctuation(value)
    return value
