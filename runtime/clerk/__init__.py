"""The clerk workstation (窗口): the queue, the case file, pre-review and acceptance actions, notices."""
from __future__ import annotations

from flask import Blueprint, Flask

bp = Blueprint("clerk", __name__, url_prefix="/clerk", template_folder="templates")


def register(app: Flask) -> None:
    from . import document_corrections, statistics_views, views  # noqa: F401 - routes
    app.register_blueprint(bp)
