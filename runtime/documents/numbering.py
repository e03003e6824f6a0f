"""文书编号 from a configurable pattern, e.g. "{abbr}{kind}字〔{year}〕第{seq:04}号" -> 秦市监补字〔2026〕第0007号."""
from __future__ import annotations

import re

KIND_CHARS = {"one_time_notice": "补", "acceptance_notice": "受", "acceptance_slip": "收", "rejection_notice": "不受",
              "fee_notice": "缴", "guide": "指", "receipt": "件", "grant_decision": "许", "refusal_decision": "不许"}
_FIELD = re.compile(r"\{(abbr|kind|year|seq)(?::0?(\d))?\}")


def document_number(pattern: str, *, abbr: str, kind: str, year: int, seq: int) -> str:
    """Only the four documented placeholders are substituted (no str.format on admin input)."""
    values = {"abbr": abbr, "kind": KIND_CHARS.get(kind, ""), "year": str(year)}

    def one(match):
        name, width = match.group(1), match.group(2)
        if name == "seq":
            return str(seq).zfill(int(width or 0))
        return values[name]
    return _FIELD.sub(one, pattern)
