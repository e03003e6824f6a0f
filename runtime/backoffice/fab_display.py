"""How Flask-AppBuilder's list and show screens print values: times in the centre's time zone (they are
stored as naive UTC), yes/no in Chinese instead of True/False, nothing instead of None, and lists
without Python's brackets. A mixin for every back-office ModelView, FAB's user screens included."""
from __future__ import annotations

from datetime import date, datetime

from runtime.clock import local
from runtime.i18n import gettext as _


def display(value):
    """One value as a back-office page shows it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, datetime):
        return local(value).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (list, tuple, set)):
        return "、".join(str(v) for v in value)
    return value


class LocalDisplay:
    """Put first in the bases: ``class DepartmentView(LocalDisplay, ModelView)``. Columns with their own
    formatter keep it."""

    def _init_properties(self):
        super()._init_properties()
        for column in {*self.list_columns, *self.show_columns}:
            self.formatters_columns.setdefault(column, display)
