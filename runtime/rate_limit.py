"""Fixed-window rate limits for public look-ups (e.g. status by number + ID), on the `limits` storage
Flask-Limiter uses: in memory by default, shared across workers with YIWANG_RATE_LIMIT_STORAGE=redis://…"""
from __future__ import annotations

from flask import current_app, request
from limits import parse
from limits.storage import storage_from_string
from limits.strategies import FixedWindowRateLimiter


def _limiter() -> FixedWindowRateLimiter:
    ext = current_app.extensions
    if "yiwang_rate_limiter" not in ext:
        storage = storage_from_string(current_app.config.get("YIWANG_RATE_LIMIT_STORAGE", "memory://"))
        ext["yiwang_rate_limiter"] = FixedWindowRateLimiter(storage)
    return ext["yiwang_rate_limiter"]


def allow(bucket: str, limit: str) -> bool:
    """Count one hit for the client's address in ``bucket``; False once ``limit`` (e.g. "10/minute") is spent."""
    return _limiter().hit(parse(limit), bucket, request.remote_addr or "unknown")
