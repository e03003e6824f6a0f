"""Import progress as a stream of newline-delimited JSON events, for the builder's import pages.

The check and apply steps are generators of plain event dicts: ``{"phase", "done", "total", "code",
"name"}`` while working, then one final event — ``{"result": …, "render": …}`` or ``{"error": …,
"problems": […]}``. With JavaScript the page asks for ``application/x-ndjson`` and reads the events
as they are produced; without it the same generator is drained and the final event's page is
rendered: one implementation for both.
"""
from __future__ import annotations

import json

from flask import Response, render_template, request, stream_with_context

NDJSON = "application/x-ndjson"


def wants_progress() -> bool:
    return request.accept_mimetypes.best_match(["text/html", NDJSON]) == NDJSON


def final(result: str, page: str, part: str, **context) -> dict:
    """The last event of a successful step: ``part`` is the page's <main> content, for the script."""
    return {"result": result, "render": {"page": page, "part": part, "context": context}}


def _lines(events):
    for event in events:
        render = event.get("render")
        if render is not None:
            event = {k: v for k, v in event.items() if k != "render"}
            event["html"] = render_template(render["part"], **render["context"])
        yield json.dumps(event, ensure_ascii=False) + "\n"


def respond(events, on_error):
    """The streamed events for the script, or the final page for a plain form post.
    ``on_error(event)`` gives the plain post's response to a final error event."""
    if wants_progress():
        return Response(stream_with_context(_lines(events)), mimetype=NDJSON,
                        headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"})
    last = None
    for last in events:
        pass
    if last is None or "render" not in last:
        return on_error(last or {})
    return render_template(last["render"]["page"], **last["render"]["context"])


def error_response(message: str, problems=(), status: int = 400):
    """A refusal before any work started: one error event (streamed) for the script."""
    return Response(json.dumps({"error": message, "problems": list(problems)}, ensure_ascii=False) + "\n",
                    status=status, mimetype=NDJSON)
