"""Who may author items: system administrators (all departments) and department administrators (their
own departments). Others get 403; an item outside the user's departments is simply not found (404)."""
from __future__ import annotations

from flask import abort, redirect, request, url_for
from flask_login import current_user

from runtime.extensions import db
from runtime.models import Item
from runtime.security.roles import DEPARTMENT_ADMIN, SYSTEM_ADMIN
from runtime.security.scoping import department_ids

AUTHOR_ROLES = frozenset({SYSTEM_ADMIN, DEPARTMENT_ADMIN})


def require_author():
    """None if the current user may author items; else the response to return."""
    if not getattr(current_user, "is_authenticated", False):
        if request.path.startswith("/builder/api/"):
            abort(401)
        return redirect(url_for("AuthDBView.login", next=request.path))
    if not AUTHOR_ROLES & {r.name for r in current_user.roles}:
        abort(403)
    return None


def editable_item(item_id: int) -> Item:
    item = db.session.get(Item, item_id)
    if item is None or item.department_id not in department_ids():
        abort(404)
    return item
