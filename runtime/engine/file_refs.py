"""Files carried by a definition (blank forms, samples, flow charts): every FileRef object in it."""
from __future__ import annotations

import re

_SHA = re.compile(r"^[0-9a-f]{64}$")


def file_refs(node) -> dict[str, dict]:
    """sha256 -> the FileRef object, for every ``{"name", "sha256", …}`` anywhere in ``node``."""
    found: dict[str, dict] = {}

    def walk(value):
        if isinstance(value, dict):
            sha = value.get("sha256")
            if isinstance(sha, str) and _SHA.match(sha) and isinstance(value.get("name"), str):
                found.setdefault(sha, value)
            for sub in value.values():
                walk(sub)
        elif isinstance(value, list):
            for sub in value:
                walk(sub)

    walk(node)
    return found
