"""Fixed-window rate limits per client address, on the `limits` storage Flask-Limiter uses: in memory
by default, shared across workers with YIWANG_RATE_LIMIT_STORAGE=redis://… Used by the public status
look-up, the citizens' drafts, uploads and consultations, and the login (runtime/security/login_limits.py)."""
from __future__ import annotations

from flask import current_app, request
from limits import parse
from limits.storage import storage_from_string
from limits.strategies import FixedWindowRateLimiter


def limiter() -> FixedWindowRateLimiter:
    ext = current_app.extensions
    if "yiwang_rate_limiter" not in ext:
        storage = storage_from_string(current_app.config.get("YIWANG_RATE_LIMIT_STORAGE", "memory://"))
        ext["yiwang_rate_limiter"] = FixedWindowRateLimiter(storage)
    return ext["yiwang_rate_limiter"]


def client_address() -> str:
    """The client's address (behind trusted proxies: runtime/security/proxies.py)."""
    return request.remote_addr or "unknown"


def allow(bucket: str, limit: str) -> bool:
    """Count one hit for the client's address in ``bucket``; False once ``limit`` (e.g. "10/minute") is spent."""
    return limiter().hit(parse(limit), bucket, client_address())
