"""The public catalogue, held in memory by each worker and searched there.

A county publishes hundreds of items, a province a few thousand; they change when an administrator
publishes, imports or takes an item offline, and are read on every visit to the service column. Each
worker keeps the public items (id, name, codes, department, type: well under 1 KB each) in the
catalogue's order, and checks the ``catalogue`` change counter (one primary-key read) per request:
a committed write to an item or a department bumps it in the same transaction, so the next request
sees the change (runtime/change_tracking.py), or for a province, whose reload is slow, the request
after a background reload (catalogue_cache.py). Searching 5,000 entries in memory takes well under a
millisecond; the same search in SQL (a LIKE scan, a count and grouped facet counts) took ten.

The entries are also held by department, by type and by region (province, city, county: a region holds
the items of its departments and of those in the regions below it), so choosing a county among a
province's 40,000 items starts from that county's few hundred.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from sqlalchemy import select

from runtime import change_tracking
from runtime.extensions import db
from runtime.models import Department, Item

from .department_nav import ROOT, DepartmentTree
from .search_keys import search_key

PAGE_SIZE = 20
COUNTER = "catalogue"
MAX_AGE_SECONDS = 300   # reload anyway now and then, for writes made outside the application
change_tracking.watch(COUNTER, Item, Department)


@dataclass(frozen=True, slots=True)
class CatalogueEntry:
    id: int
    name: str
    code: str              # the basic code (基本编码), or the implementation code when there is none
    department_id: int
    department_name: str
    task_type: str | None
    name_key: str          # name, keywords and their pinyin, case-folded, for search (search_keys.py)
    code_key: str          # both codes, case-folded (ASCII: searched only for ASCII words)


@dataclass(frozen=True)
class ItemPage:
    items: list[CatalogueEntry]
    total: int
    page: int
    pages: int
    in_scope: int | None = None   # items of the chosen region before type and words narrow them (None: no region)


def search_terms(query: str) -> list[str]:
    """The words of a search (at most 50 characters), each of which an item must contain."""
    return query[:50].casefold().split()


class CatalogueIndex:
    """One snapshot of the public catalogue: entries in page order (department, then name, in the
    database's collation), the facets, and search over them."""

    def __init__(self, entries: list[CatalogueEntry], department_order: list[int],
                 regions: dict[int, str | None] | None = None):
        """``regions``: each department's region code (the navigation groups by it; department_nav.py)."""
        self.entries = entries
        self._by_department: dict[int, list[CatalogueEntry]] = {}
        self._by_type: dict[str | None, list[CatalogueEntry]] = {}
        for entry in entries:
            self._by_department.setdefault(entry.department_id, []).append(entry)
            self._by_type.setdefault(entry.task_type, []).append(entry)
        names = {e.department_id: e.department_name for e in entries}
        self.departments = [(i, names[i], len(self._by_department[i])) for i in department_order
                            if i in self._by_department]
        self.tree = DepartmentTree([(i, name, count, (regions or {}).get(i)) for i, name, count in self.departments])
        self.types = sorted(((t, len(rows)) for t, rows in self._by_type.items()),
                            key=lambda row: (row[0] is None, row[0] or ""))
        # A region's items: its departments' and those of the regions below, in page order (a department's
        # items follow each other in it). Each entry sits in at most three regions (province, city, county).
        order = {dept_id: n for n, dept_id in enumerate(self._by_department)}
        self._by_region: dict[str, list[CatalogueEntry]] = {}
        for key in self.tree.regions:
            if key != ROOT:
                rows = self._by_region[key] = []
                for dept_id in sorted(self.tree.departments_below(key), key=order.__getitem__):
                    rows.extend(self._by_department[dept_id])
        self._scope_types: dict[tuple, list[tuple[str | None, int]]] = {}
        self._region_types: dict[tuple[str, str], list[CatalogueEntry]] = {}

    @staticmethod
    def _type_counts(rows) -> list[tuple[str | None, int]]:
        counts: dict[str | None, int] = {}
        for entry in rows:
            counts[entry.task_type] = counts.get(entry.task_type, 0) + 1
        return sorted(counts.items(), key=lambda row: (row[0] is None, row[0] or ""))

    def _scope(self, department_id: int | None, region: str | None) -> list[CatalogueEntry]:
        """The items a department or (else) a region holds; every item when neither is chosen."""
        if department_id:
            return self._by_department.get(department_id, [])
        if region is not None:
            return self._by_region.get(region, [])
        return self.entries

    def types_in(self, department_id: int | None = None, region: str | None = None) -> list[tuple[str | None, int]]:
        """The type facet's counts for the items of the chosen department or region (computed once per
        snapshot and scope)."""
        if not department_id and region is None:
            return self.types
        key = (department_id or None, None if department_id else region)
        if key[0] not in self._by_department and key[1] not in self._by_region:
            return []   # nothing there (and no cache entry per address a visitor makes up)
        if key not in self._scope_types:
            self._scope_types[key] = self._type_counts(self._scope(department_id, region))
        return self._scope_types[key]

    def _region_of_type(self, region: str, task_type: str, rows: list[CatalogueEntry]) -> list[CatalogueEntry]:
        """A region's items of one type: a province's are tens of thousands, so kept once filtered (bounded:
        only regions and types that hold items)."""
        key = (region, task_type)
        if key not in self._region_types:
            if task_type not in self._by_type or region not in self._by_region:
                return []
            self._region_types[key] = [e for e in rows if e.task_type == task_type]
        return self._region_types[key]

    def search(self, query: str = "", department_id: int | None = None, task_type: str | None = None,
               page: int = 1, region: str | None = None) -> ItemPage:
        """A page of the items matching every word, in the department or (else) the region chosen (a
        region key of department_nav.py: its departments and those of the regions below) and of the type."""
        in_scope = None
        if department_id:
            rows = self._by_department.get(department_id, [])
            if task_type:
                rows = [e for e in rows if e.task_type == task_type]
        elif region is not None:
            rows = self._by_region.get(region, [])
            in_scope = len(rows)
            if task_type:
                rows = self._region_of_type(region, task_type, rows)
        elif task_type:
            rows = self._by_type.get(task_type, [])
        else:
            rows = self.entries
        for term in search_terms(query):
            if term.isascii():
                rows = [e for e in rows if term in e.code_key or term in e.name_key]
            else:   # no code holds a Chinese character: names and keywords alone are searched
                rows = [e for e in rows if term in e.name_key]
        pages = max(1, -(-len(rows) // PAGE_SIZE))
        page = min(max(page, 1), pages)
        return ItemPage(rows[(page - 1) * PAGE_SIZE: page * PAGE_SIZE], len(rows), page, pages, in_scope)


@cache
def _queries():
    """Built once, after the mappers are configured."""
    entries = (select(Item.id, Item.name, Item.basic_code, Item.implementation_code, Item.department_id,
                      Department.name, Item.task_type, Item.search_terms)
               .join(Department, Department.id == Item.department_id)
               .where(Item.online.is_(True), Item.current_version.is_not(None))
               .order_by(Item.department_id, Item.name, Item.id))
    return entries, select(Department.id, Department.region_code).order_by(Department.name, Department.id)


def load() -> CatalogueIndex:
    entries_query, departments_query = _queries()
    with db.engine.connect() as connection:
        rows = connection.execute(entries_query).all()
        departments = connection.execute(departments_query).all()
    entries = [CatalogueEntry(item_id, name, basic or implementation, dept_id, dept_name, task_type,
                              search_key(name, terms), f"{basic or ''}\n{implementation}".casefold())
               for item_id, name, basic, implementation, dept_id, dept_name, task_type, terms in rows]
    return CatalogueIndex(entries, [i for i, _code in departments], dict(departments))
