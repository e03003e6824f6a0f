"""The real app for the fault tests, served by gunicorn, with one test-only hook: a request whose
endpoint (or import job, ``job:apply``) is named in ``$YIWANG_FAULT_CONTROL/pause`` flushes its transaction and then waits before
committing — its rows are written but not committed, locks held — so a test can kill the server at
exactly that moment, or race a second request against it.

The pause file holds ``<endpoint> <seconds>``; the first request to reach its commit takes it (an
atomic rename), writes ``paused`` and sleeps. Nothing of this is imported by the application itself.
"""
from __future__ import annotations

import os
import time
from pathlib import Path

from flask import g, has_app_context, has_request_context, request
from sqlalchemy.orm import Session

from app import create_app

CONTROL = Path(os.environ["YIWANG_FAULT_CONTROL"])
_commit = Session.commit


def _where() -> str | None:
    """The request's endpoint, or ``job:<step>`` in an import job's thread (builder/import_jobs.py)."""
    if has_request_context():
        return request.endpoint
    return f"job:{g.job_step}" if has_app_context() and g.get("job_step") else None


def _paused_commit(self: Session) -> None:
    if (CONTROL / "pause").exists():
        endpoint, _, seconds = (CONTROL / "pause").read_text().partition(" ")
        if _where() == endpoint:
            mine = CONTROL / f"taken-{os.getpid()}"
            try:
                os.rename(CONTROL / "pause", mine)  # one request only
            except FileNotFoundError:
                return _commit(self)
            self.flush()
            (CONTROL / "paused").write_text(endpoint)
            time.sleep(float(seconds or 60))
    return _commit(self)


Session.commit = _paused_commit
app = create_app()
