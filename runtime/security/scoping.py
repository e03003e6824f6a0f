"""Row scoping: which departments' data the current user may see. Applied in queries (FAB
``base_filters``), so a URL or API call for another department's row finds nothing (404)."""
from __future__ import annotations

from flask import has_request_context, request
from flask_appbuilder.models.filters import BaseFilter
from sqlalchemy import select

from runtime.extensions import db
from runtime.models import Department, Item

from .roles import SYSTEM_ADMIN


def _user():
    """The acting user: the JWT's on the REST API (which refuses the session cookie), else the
    session's. Never mix the two, so a browser cookie cannot widen an API token's scope."""
    if not has_request_context():
        return None
    if request.blueprint and request.path.startswith("/api/"):
        from flask_jwt_extended import get_current_user, verify_jwt_in_request
        verify_jwt_in_request(optional=True)
        return get_current_user()
    from flask_login import current_user
    return current_user if getattr(current_user, "is_authenticated", False) else None


def is_system_admin(user=None) -> bool:
    user = user or _user()
    return bool(user) and any(r.name == SYSTEM_ADMIN for r in user.roles)


def department_ids(user=None) -> list[int]:
    """Ids of the departments the user may act for: all for a system admin, none for anonymous."""
    user = user or _user()
    if user is None:
        return []
    if is_system_admin(user):
        return list(db.session.scalars(select(Department.id)))
    return [d.id for d in getattr(user, "departments", [])]


def may_act_for(department_id: int, user=None) -> bool:
    return department_id in department_ids(user)


class FilterItemInMyDepartments(BaseFilter):
    """For models that belong to a department through their item (e.g. ItemVersion)."""
    name = "本部门事项"
    arg_name = "item_in_my_departments"

    def apply(self, query, func):
        return query.filter(self.model.item.has(Item.department_id.in_(func())))
