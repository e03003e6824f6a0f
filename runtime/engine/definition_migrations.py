"""Upgrading definitions written for an older ``schema_version`` to the one this system reads.

A registry maps each older version to its successor and the function that rewrites a document
from one to the next; ``upgrade_definition`` follows the chain to ``SCHEMA_VERSION``. Schema 1.0
is the first version ever published, so the registry is empty today: every older version is
refused with a clear message. When 1.1 is introduced, register ``"1.0": ("1.1", from_1_0)`` here
(and keep the old entries: a bundle exported years ago must still come in).
"""
from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Callable

from .definition import SCHEMA_VERSION
from .messages import render
from .problems import Problem

Migration = Callable[[dict], dict]
MIGRATIONS: dict[str, tuple[str, Migration]] = {}


@dataclass
class Upgrade:
    """The upgraded document, the versions it passed through, or the reason it cannot be used."""
    doc: object
    steps: list[str] = field(default_factory=list)   # e.g. ["0.9", "1.0"]: upgraded from 0.9 to 1.0
    problem: Problem | None = None


def _parse(version) -> tuple[int, ...] | None:
    try:
        return tuple(int(part) for part in str(version).split("."))
    except ValueError:
        return None


def upgrade_definition(doc) -> Upgrade:
    """Never raises: a document without a version is left to schema validation to report."""
    version = doc.get("schema_version") if isinstance(doc, dict) else None
    if version is None or version == SCHEMA_VERSION:
        return Upgrade(doc)
    parsed, current = _parse(version), _parse(SCHEMA_VERSION)
    if parsed is None or not isinstance(version, str):
        return Upgrade(doc, problem=Problem("$.schema_version", "schema.version_unknown",
                                            render("schema.version_unknown", version=str(version)[:40])))
    if parsed > current:
        return Upgrade(doc, problem=Problem("$.schema_version", "schema.version_newer",
                                            render("schema.version_newer", version=version, supported=SCHEMA_VERSION)))
    steps, upgraded = [version], doc
    while steps[-1] != SCHEMA_VERSION:
        step = MIGRATIONS.get(steps[-1])
        if step is None or step[0] in steps:   # no way forward (or a broken registry loop)
            return Upgrade(doc, problem=Problem("$.schema_version", "schema.version_older",
                                                render("schema.version_older", version=version,
                                                       supported=SCHEMA_VERSION)))
        target, migrate = step
        try:
            upgraded = migrate(copy.deepcopy(upgraded))
            upgraded["schema_version"] = target
        except Exception as exc:  # noqa: BLE001 - a migration that trips on odd input must not crash an import
            return Upgrade(doc, problem=Problem("$.schema_version", "schema.migration_failed",
                                                render("schema.migration_failed", version=steps[-1], target=target,
                                                       detail=str(exc)[:200])))
        steps.append(target)
    return Upgrade(upgraded, steps=steps)
