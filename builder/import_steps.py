"""The two steps of an import as generators of progress events, run by a background job
(builder/import_jobs.py) from plain parameters: the stored bundle's SHA-256, the target department's
id, the mode, the user's id, ``allowed`` (the ids of the departments the user may write, or None for
the system administrator: every department, without listing a province's 2,000) and (to apply) the
administrator's choices. No request, no ORM object crosses from the web request to the worker.

Events: ``{"phase", "done", "total", "code", "name"}`` per item, then one final event — a result with
the page to render (``render``: page, part, context) or ``{"error": …, "problems": […]}``."""
from __future__ import annotations

import time
from collections import Counter

from flask import current_app
from flask_babel import gettext as _

from runtime import audit
from runtime.bundle_retention import bundle_store
from runtime.extensions import db
from runtime.models import Department

from .exchange.apply import ImportRefused, apply_steps
from .exchange.bundle import BundleError, read_bundle
from .exchange.plan import CHOICE_LABELS, STATUS_LABELS, iter_plan
from .exchange.summary import ImportSummary


def final(result: str, page: str, part: str, **context) -> dict:
    """The last event of a successful step: ``part`` is the page's <main> content, for the script."""
    return {"result": result, "render": {"page": page, "part": part, "context": context}}


def _bundle(params: dict):
    try:
        return read_bundle(bundle_store().read(params["sha"])), None
    except BundleError as exc:
        return None, {"error": _("The bundle cannot be imported:"), "problems": exc.problems}
    except OSError:   # swept since it was uploaded
        return None, {"error": _("The uploaded bundle has expired. Please upload it again.")}


def _planned(bundle, params: dict, entries: list):
    """Plan the bundle into ``entries``, yielding a progress event per item."""
    target = db.session.get(Department, params["target_id"]) if params.get("target_id") else None
    total = len(bundle.definitions)
    yield {"phase": "check", "done": 0, "total": total}
    for n, entry in enumerate(iter_plan(bundle, department=target, mode=params["mode"],
                                        allowed_department_ids=params["allowed"]), 1):
        entries.append(entry)
        yield {"phase": "check", "done": n, "total": total, "code": entry.source_code, "name": entry.name}


def check(params: dict):
    bundle, refusal = _bundle(params)
    if refusal:
        yield refusal
        return
    entries: list = []
    try:
        yield from _planned(bundle, params, entries)
    except Exception:  # noqa: BLE001 - say so in the events instead of leaving the page waiting
        current_app.logger.exception("import check failed")
        yield {"error": _("The bundle could not be checked because of an unexpected error. Nothing was written.")}
        return
    counts = Counter(e.status for e in entries)
    yield final("report", "builder/import_report.html", "builder/_import_report.html", entries=entries,
                manifest=bundle.manifest, notes=bundle.notes, sha=params["sha"], target_id=params.get("target_id"),
                mode=params["mode"], choice_labels=CHOICE_LABELS,
                status_counts=[(STATUS_LABELS[k], counts[k]) for k in STATUS_LABELS])


def apply(params: dict):
    bundle, refusal = _bundle(params)
    if refusal:
        yield refusal
        return
    started, entries, form = time.monotonic(), [], params["choices"]
    try:
        yield from _planned(bundle, params, entries)
        choices = {e.source_code: form.get(f"choice-{e.source_code}", e.default_choice) for e in entries}
        for n, total, entry, choice in apply_steps(bundle, entries, choices, user_id=params["user_id"],
                                                   allowed_department_ids=params["allowed"]):
            yield {"phase": "apply", "done": n, "total": total, "code": entry.source_code, "name": entry.name,
                   "choice": choice}
        summary = ImportSummary.of(entries, choices, time.monotonic() - started)
        audit.record(db.session, "import", "Bundle", params["sha"][:16],
                     f"导入交换包({bundle.manifest.get('exporter', '')}):{summary.text()}")
        db.session.commit()
    except ImportRefused as exc:
        db.session.rollback()
        yield {"error": _("Nothing was imported: %(reason)s", reason=str(exc))}
        return
    except Exception:  # noqa: BLE001 - roll everything back and say so
        db.session.rollback()
        current_app.logger.exception("import apply failed")
        yield {"error": _("Nothing was imported: an unexpected error occurred; every change was rolled back.")}
        return
    yield {**final("summary", "builder/import_summary.html", "builder/_import_summary.html",
                   summary=summary, manifest=bundle.manifest), "summary": summary.to_dict()}


STEPS = {"check": check, "apply": apply}
