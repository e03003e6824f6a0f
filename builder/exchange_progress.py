"""The progress of an import job (builder/import_jobs.py) on the builder's pages.

With JavaScript the page asks for ``application/x-ndjson``: the job's events as they are written, one
JSON object a line, the first naming the job's address. A stream ends after ``LONG_POLL_S`` (so a
waiting page never holds a web worker for a whole import) or when the web worker restarts; the script
then asks the job's address again with ``?after=<events seen>`` and reads on. The final result's
event carries the page part to show (``html``). Without JavaScript the form's post is answered with
the job's page, which waits a few seconds for a small import to finish and otherwise shows the
progress and reloads itself.
"""
from __future__ import annotations

import json
import time

from flask import Response, abort, render_template, request, stream_with_context, url_for
from flask_babel import gettext as _
from flask_login import current_user

from .import_jobs import JOB_ID, jobs

NDJSON = "application/x-ndjson"
LONG_POLL_S = 20.0      # one stream's longest wait; the script reconnects
PAGE_WAIT_S = 5.0       # the plain page's wait for a small import to finish
POLL_S = 0.1


def wants_progress() -> bool:
    return request.accept_mimetypes.best_match(["text/html", NDJSON]) == NDJSON


def job_url(job_id: str) -> str:
    return url_for("exchange.job", job_id=job_id)


def _unknown_job() -> str:
    return _("This import job is not known (any more): it expired, or a restart of the server ended it. "
             "Look at the item list to see whether it was imported.")


def owned(job_id: str):
    """The job's info if the current user started it; 404 otherwise (ids are random, but not a key)."""
    info = jobs().info(job_id) if JOB_ID.fullmatch(job_id) else None
    if info is None or info.owner != current_user.id:
        if wants_progress():   # the script following a job that a restart of the web process ended
            abort(error_response(_unknown_job(), status=404))
        abort(404)
    return info


def _line(event: dict) -> str:
    return json.dumps(event, ensure_ascii=False) + "\n"


def _final_line(job_id: str, event: dict) -> str:
    render = jobs().result(job_id) if "result" in event else None
    if render is not None:
        event = {**event, "html": render_template(render["part"], **render["context"])}
    return _line(event)


def _stream(job_id: str, after: int, first: dict | None):
    if first is not None:
        yield _line(first)
    deadline = time.monotonic() + LONG_POLL_S
    while time.monotonic() < deadline:
        for event in jobs().events(job_id, after):
            after += 1
            if "phase" not in event:
                yield _final_line(job_id, event)
                return
            yield _line(event)
        info = jobs().info(job_id)
        if info is None or info.failure is not None:   # expired meanwhile, or its worker died
            yield _line(info.failure if info else {"error": _unknown_job()})
            return
        time.sleep(POLL_S)


def stream(job_id: str, after: int = 0, *, started: bool = False) -> Response:
    """The job's events from the ``after``-th on; ``started``: first say where the job can be read again."""
    first = {"job": job_url(job_id)} if started else None
    return Response(stream_with_context(_stream(job_id, after, first)), mimetype=NDJSON,
                    headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"})


def page(job_id: str, on_error):
    """The plain page of a job: its final page when done (waiting a little for that), else its progress."""
    deadline = time.monotonic() + PAGE_WAIT_S
    while True:
        info = jobs().info(job_id)
        if info is None:   # expired since the address was checked
            abort(404)
        events = jobs().events(job_id, 0)
        last = events[-1] if events else None
        if last is not None and "phase" not in last or info.failure is not None or time.monotonic() > deadline:
            break
        time.sleep(POLL_S)
    if info.failure is not None:
        return on_error(info.failure)
    if last is not None and "phase" not in last:
        render = jobs().result(job_id)
        return render_template(render["page"], **render["context"]) if render else on_error(last)
    return render_template("builder/import_job.html", job_url=job_url(job_id), progress=last,
                           count=len(events)), 202


def error_response(message: str, problems=(), status: int = 400):
    """A refusal before any work started: one error event (streamed) for the script."""
    return Response(_line({"error": message, "problems": list(problems)}), status=status, mimetype=NDJSON)
