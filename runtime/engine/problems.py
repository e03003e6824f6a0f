"""Problems found in a definition: data, not exceptions, so every one can be reported at once."""
from __future__ import annotations

from dataclasses import dataclass

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    """One validation or lint problem, located by a JSON path such as ``$.form.steps[0].fields[2]``."""

    path: str
    code: str
    message: str
    severity: str = ERROR

    def to_dict(self) -> dict:
        return {"path": self.path, "code": self.code, "message": self.message, "severity": self.severity}


def has_errors(problems) -> bool:
    return any(p.severity == ERROR for p in problems)


def json_path(parts) -> str:
    """Render a sequence of keys and indexes as a JSON path (``$.a.b[0].c``)."""
    out = "$"
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        elif part.isidentifier():
            out += f".{part}"
        else:
            out += "[" + repr(part) + "]"
    return out
