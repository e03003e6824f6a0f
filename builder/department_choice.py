"""Choosing one of the user's departments on the exchange page. A county's few are a select; a province's
two thousand are not (a 100 KB page nobody can scan): past LISTED the page shows a combobox that asks
``/builder/exchange/departments?q=`` for the first MAX_MATCHES departments whose name, full pinyin or pinyin
initials contain what was typed (``department.name_pinyin``). Without JavaScript the typed name is resolved
on the server: the one department it matches, else a message saying to type more."""
from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import func, or_, select, true

from runtime.extensions import db
from runtime.models import Department
from runtime.security.scoping import department_ids, is_system_admin

LISTED = 30        # up to this many departments: a select
MAX_MATCHES = 20   # departments a search returns


def _in_scope():
    """No id list for the system administrator (two thousand parameters on every query)."""
    return true() if is_system_admin() else Department.id.in_(department_ids())


def count() -> int:
    return db.session.scalar(select(func.count()).select_from(Department).where(_in_scope()))


def listed() -> list:
    """(id, name) of every department in scope, for a select; only called when there are at most LISTED."""
    return db.session.execute(select(Department.id, Department.name).where(_in_scope()).order_by(Department.name)).all()


def search(text: str, limit: int = MAX_MATCHES) -> list:
    """(id, name) of the departments in scope whose name or pinyin contains ``text``, by name."""
    text = text.strip()[:50]
    if not text:
        return []
    wanted = or_(Department.name.contains(text, autoescape=True),
                 Department.name_pinyin.contains(text.lower().replace(" ", ""), autoescape=True))
    return db.session.execute(select(Department.id, Department.name).where(_in_scope(), wanted)
                              .order_by(Department.name).limit(limit)).all()


def get(department_id) -> Department | None:
    """The department with this id if it is in the user's scope."""
    if not str(department_id or "").isdigit():
        return None
    return db.session.scalar(select(Department).where(Department.id == int(department_id), _in_scope()))


@dataclass(frozen=True)
class Resolved:
    department: Department | None
    error: str | None = None


def resolve(form, field: str = "department") -> Resolved:
    """The department a form chose: by id (the select, or the combobox's hidden field), else by the name typed
    into ``<field>_q`` (no JavaScript): an exact name, or the only department the text matches."""
    chosen = form.get(field, "")
    if chosen:
        department = get(chosen)
        return Resolved(department, None if department else _("That department is not one of yours."))
    typed = form.get(f"{field}_q", "").strip()
    if not typed:
        return Resolved(None)
    matches = search(typed, limit=MAX_MATCHES + 1)
    exact = [m for m in matches if m.name == typed]
    if len(exact) == 1 or len(matches) == 1:
        return Resolved(get((exact or matches)[0].id))
    if not matches:
        return Resolved(None, _("No department of yours matches “%(text)s”.", text=typed))
    return Resolved(None, _("%(n)s departments match “%(text)s”; type more of the name and choose one from the list.",
                            n=f"{MAX_MATCHES}+" if len(matches) > MAX_MATCHES else len(matches), text=typed))
