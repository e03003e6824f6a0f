"""The back office shell: each role's home page and the one navigation bar shown on every back-office
page (ours and Flask-AppBuilder's)."""
from __future__ import annotations

from flask import Blueprint, Flask

bp = Blueprint("backoffice", __name__, template_folder="templates")


def _status_label(status: str) -> str:
    from runtime.casework.transitions import STATUS_LABELS
    return STATUS_LABELS.get(status, status)


def register(app: Flask) -> None:
    from .audit_labels import action_label, summary_label
    from .navigation import current, entries
    app.register_blueprint(bp)
    # Globals, not a context processor: the citizen pages render without any per-request cost from here.
    for function, name in ((entries, "backoffice_entries"), (current, "backoffice_current"),
                           (_status_label, "status_label"), (action_label, "audit_action"),
                           (summary_label, "audit_summary")):
        app.add_template_global(function, name)
