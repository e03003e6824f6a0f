"""What one anonymous client may cost: drafts started, megabytes uploaded and consultations sent per
address and hour (fixed windows on the rate-limit storage, runtime/rate_limit.py), and the storage one
draft may hold. The numbers are in the configuration (SECURITY.md lists them)."""
from __future__ import annotations

import math

from flask import current_app
from limits import parse

from runtime.rate_limit import allow, client_address, limiter


def _setting(name):
    return current_app.config[name]   # the numbers: runtime/config.py, SECURITY.md


def may_start_draft() -> bool:
    return allow("draft-start", _setting("YIWANG_DRAFT_RATE_LIMIT"))


def may_consult() -> bool:
    return allow("consultation", _setting("YIWANG_CONSULTATION_RATE_LIMIT"))


def may_upload(size: int) -> bool:
    """Count ``size`` bytes (in started megabytes) against the client's hourly upload allowance."""
    cost = max(1, math.ceil(size / (1024 * 1024)))
    return limiter().hit(parse(_setting("YIWANG_UPLOAD_MB_RATE_LIMIT")), "upload-mb", client_address(), cost=cost)


def draft_quota_bytes() -> int:
    return int(_setting("YIWANG_DRAFT_QUOTA_MB")) * 1024 * 1024


def stored_bytes(materials: dict | None) -> int:
    """What a draft's files take (the sizes its materials record)."""
    return sum(int(f.get("size") or 0) for entry in (materials or {}).values() if isinstance(entry, dict)
               for f in entry.get("files") or [] if isinstance(f, dict))
