"""The department filter of the queue and the statistics. A few departments are listed in a select; a
province's two thousand are not (a page of 100 KB no one can scan): the user types part of a name and
picks among the matches, each a query on the department table."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select, true

from runtime.extensions import db
from runtime.models import Department

MAX_LISTED = 100    # more departments in scope than this: search by name instead of one long list
MAX_MATCHES = 50


@dataclass(frozen=True)
class DepartmentFilter:
    options: list              # (id, name) rows to offer in the select
    chosen: int | None         # the department chosen, in scope
    search: str                # the name fragment typed (search mode only)
    searching: bool            # True: too many departments to list, the name search is shown
    more: bool = False         # the search matched more than MAX_MATCHES


def choose(scope: list[int] | None, args) -> DepartmentFilter:
    """``scope``: the department ids the user may see, None for all of them."""
    in_scope = Department.id.in_(scope) if scope is not None else true()
    wanted = args.get("department", "")
    chosen = None
    if wanted.isascii() and wanted.isdigit():
        chosen = db.session.scalar(select(Department.id).where(Department.id == int(wanted), in_scope))
    total = len(scope) if scope is not None else db.session.scalar(select(func.count()).select_from(Department))
    if total <= MAX_LISTED:
        options = db.session.execute(select(Department.id, Department.name).where(in_scope)
                                     .order_by(Department.name)).all()
        return DepartmentFilter(options if len(options) > 1 else [], chosen, "", False)
    search = args.get("department_q", "").strip()[:50]
    options = []
    if search:
        options = db.session.execute(select(Department.id, Department.name)
                                     .where(in_scope, Department.name.contains(search, autoescape=True))
                                     .order_by(Department.name).limit(MAX_MATCHES + 1)).all()
        chosen = chosen if any(d.id == chosen for d in options[:MAX_MATCHES]) else None   # a new search
        if chosen is None and len(options) == 1:   # one match: no second click needed
            chosen = options[0].id
    elif chosen:
        options = db.session.execute(select(Department.id, Department.name).where(Department.id == chosen)).all()
    return DepartmentFilter(options[:MAX_MATCHES], chosen, search, True, len(options) > MAX_MATCHES)
