"""Upgrading bundles written in an older ``bundle_format`` to the current one.

A registry maps each older format number to its successor and a function that rewrites the
checked (manifest, definitions) of one format into the next; the reader follows the chain to
``BUNDLE_FORMAT``. Format 1 is the first format ever written, so the registry is empty today and
every older number is refused with a clear message. A later format registers
``1: (2, from_1)`` here and keeps the older entries. (A format whose zip layout differs must also
teach bundle.py's entry-name check its names.)
"""
from __future__ import annotations

from typing import Callable

BUNDLE_FORMAT = 1
Migration = Callable[[dict, dict], tuple[dict, dict]]   # (manifest, definitions) -> the same, one format on
MIGRATIONS: dict[int, tuple[int, Migration]] = {}


def format_problem(value) -> str | None:
    """Why a bundle of this format cannot be read (Chinese), or None when it can (now or after upgrading)."""
    if value is None or value == "":
        return "manifest.json 缺少交换包格式版本(bundle_format)"
    text = str(value)[:20]
    if not (isinstance(value, (str, int)) and not isinstance(value, bool) and text.isdigit()
            and text == str(int(text))):
        return f"无法识别的交换包格式版本“{text}”"
    number = int(text)
    if number > BUNDLE_FORMAT:
        return f"交换包格式版本 {number} 比本系统支持的 {BUNDLE_FORMAT} 更新,请升级系统后再导入"
    if _chain(number) is None:
        return (f"交换包格式版本 {number} 早于本系统支持的 {BUNDLE_FORMAT},本系统没有从该版本升级的迁移,"
                "无法导入;请用较新的系统重新导出")
    return None


def _chain(number: int) -> list[int] | None:
    steps = [number]
    while steps[-1] != BUNDLE_FORMAT:
        step = MIGRATIONS.get(steps[-1])
        if step is None or step[0] in steps:
            return None
        steps.append(step[0])
    return steps


def upgrade_bundle(value, manifest: dict, definitions: dict) -> tuple[dict, dict, list[int]]:
    """Apply the chain for a format ``format_problem`` accepted; returns the formats passed through.
    Exceptions of a migration are the caller's to turn into a refusal."""
    steps = _chain(int(str(value)))
    for number in steps[:-1]:
        target, migrate = MIGRATIONS[number]
        manifest, definitions = migrate(manifest, definitions)
        manifest = {**manifest, "bundle_format": str(target)}
    return manifest, definitions, steps
