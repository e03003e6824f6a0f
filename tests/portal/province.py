"""A small province for the catalogue's region navigation: 50 departments (more than department_nav.SHOW_ALL,
so the catalogue shows one region at a time) at province, city and county level, each publishing items.
Item rows are written directly: the catalogue lists rows, and publishing 55 definitions would only slow
the tests down."""
from __future__ import annotations

from runtime.extensions import db
from runtime.models import Department, Item

# (region code, region name, departments, items per department)
REGIONS = [("610000", "陕西省", 3, 2), ("610400", "咸阳市", 2, 2), ("610422", "三原县", 25, 1),
           ("610402", "秦都区", 15, 1), ("610102", "新城区", 5, 1)]
IN = {"61": 55, "6104": 44, "610422": 25, "610402": 15, "6101": 5, "610102": 5}   # items in each region and below


def build_province() -> dict[str, list[int]]:
    """Departments and public items; returns each region code's department ids."""
    made: dict[str, list[int]] = {}
    n = 0
    for code, name, departments, per_department in REGIONS:
        for d in range(1, departments + 1):
            n += 1
            dept = Department(code=f"11610000MB{n:07d}X", name=f"{name}部门{d:02d}", region_code=code)
            db.session.add(dept)
            db.session.flush()
            made.setdefault(code, []).append(dept.id)
            for i in range(1, per_department + 1):
                basic = f"0001{n:04d}{i:04d}"
                db.session.add(Item(implementation_code=f"{dept.code}4{basic}", basic_code=basic,
                                    name=f"{name}事项{d:02d}-{i}", department_id=dept.id,
                                    task_type="01" if d % 2 else "20", online=True, current_version=1))
    db.session.commit()
    return made
