"""Flask-AppBuilder list screens that stay light on big tables: the list query leaves out large columns
(an item version's definition) and loads the related rows it shows in the same query, and an unfiltered
list of a table with millions of rows (the audit log) shows PostgreSQL's row estimate instead of running
``count(*)`` over the whole table for every page. Exact counts stay for small tables and any search."""
from __future__ import annotations

from flask_appbuilder.models.sqla.interface import SQLAInterface
from sqlalchemy import text
from sqlalchemy.orm import defer, joinedload

EXACT_BELOW = 100_000   # rows: under this a count(*) is cheap enough to stay exact


class ListInterface(SQLAInterface):
    def __init__(self, obj, session=None, *, deferred=(), joined=(), estimate_count=False):
        super().__init__(obj, session=session)
        self.list_options = [defer(getattr(obj, name)) for name in deferred] + \
                            [joinedload(getattr(obj, name)) for name in joined]
        self.estimate_count = estimate_count

    def apply_all(self, query, *args, **kwargs):
        return super().apply_all(query.options(*self.list_options), *args, **kwargs)

    def query_count(self, query, filters=None, select_columns=None) -> int:
        if self.estimate_count and not (filters and filters.filters) and \
                self.session.get_bind().dialect.name == "postgresql":
            # to_regclass resolves the name through search_path: another schema may hold a table of that name
            estimate = self.session.execute(text("SELECT reltuples::bigint FROM pg_class WHERE oid = to_regclass(:t)"),
                                            {"t": self.obj.__tablename__}).scalar()
            if estimate is not None and estimate >= EXACT_BELOW:
                return int(estimate)
        return super().query_count(query, filters, select_columns)
