"""The citizen side (政务服务专栏): public catalogue and guides, generated application forms, uploads,
automatic pre-review on submit, status look-up. Server-rendered; works without JavaScript."""
from __future__ import annotations

from flask import Blueprint, Flask

bp = Blueprint("portal", __name__, url_prefix="/zwfw", template_folder="templates")


def register(app: Flask) -> None:
    from . import (application_views, catalogue_views, my_applications, sign_in, status_views,  # noqa: F401 - routes
                   template_helpers, verify_views)
    app.register_blueprint(bp)
