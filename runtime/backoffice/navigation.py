"""The one navigation bar of the back office: which workplaces each role may use, in one list that our
own pages (builder, queue, statistics, calendar, home) and Flask-AppBuilder's screens all render."""
from __future__ import annotations

from dataclasses import dataclass

from flask import request, url_for
from flask_login import current_user

from runtime.i18n import gettext as _
from runtime.security.roles import CLERK, DEPARTMENT_ADMIN, SYSTEM_ADMIN

STAFF = frozenset({SYSTEM_ADMIN, DEPARTMENT_ADMIN, CLERK})
AUTHORS = frozenset({SYSTEM_ADMIN, DEPARTMENT_ADMIN})
ADMINS = frozenset({SYSTEM_ADMIN})


@dataclass(frozen=True)
class Entry:
    label: str
    endpoint: str
    roles: frozenset
    prefix: str          # the path prefix that marks the entry as the current place

    @property
    def url(self) -> str:
        return url_for(self.endpoint)


# (English msgid, endpoint, who, path prefix); the order is the bar's order.
_ENTRIES = (
    ("Home", "YiwangHomeView.index", STAFF, "/home"),
    ("Queue", "clerk.queue", STAFF, "/clerk/applications"),
    ("Window intake", "clerk.intake", STAFF, "/clerk/intake"),
    ("Online questions", "ConsultationView.list", STAFF, "/consultationview/"),
    ("Statistics", "clerk.statistics", STAFF, "/clerk/statistics"),
    ("Item builder", "builder.item_list", AUTHORS, "/builder/"),
    ("Exchange items", "exchange.index", AUTHORS, "/builder/exchange"),
    ("Working-day calendar", "calendar_admin.schedules", ADMINS, "/admin/calendar"),
    ("Signing certificates", "signing_keys.keys", ADMINS, "/admin/signing-keys"),
    ("Departments", "DepartmentView.list", ADMINS, "/departmentview/"),
    ("Users", "YiwangUserView.list", ADMINS, "/users/"),
    ("Audit log", "AuditEventView.list", ADMINS, "/auditeventview/"),
)


def role_names(user=None) -> set[str]:
    user = user or current_user
    if not getattr(user, "is_authenticated", False):
        return set()
    return {r.name for r in user.roles}


def entries(user=None) -> list[Entry]:
    """The entries the user may use (none for visitors and citizens)."""
    roles = role_names(user)
    return [Entry(_(label), endpoint, who, prefix) for label, endpoint, who, prefix in _ENTRIES if roles & who]


def current(entry_list: list[Entry]) -> Entry | None:
    """The entry of this page: the longest matching prefix (the queue's root counts as the queue)."""
    path = request.path
    if path in ("/", "/clerk/"):
        path = "/home" if path == "/" else "/clerk/applications"
    matches = [e for e in entry_list if path.startswith(e.prefix)]
    return max(matches, key=lambda e: len(e.prefix), default=None)
