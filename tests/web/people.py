"""Departments, users and items for web tests: department A and B, each with an item; and, for the tests of
the department choosers at province scale, 2,000 more departments."""
from __future__ import annotations

from dataclasses import dataclass

from flask import current_app

from builder.item_store import publish
from runtime.extensions import db
from runtime.models import Department
from runtime.security.roles import APPLICANT, CLERK, DEPARTMENT_ADMIN, SYSTEM_ADMIN
from tests.engine.factories import definition, make_uscc

PASSWORD = "Test-password-2026!"
DEPT_A = make_uscc("11610424MB0000011")
DEPT_B = make_uscc("11610424MB0000029")


def item_definition(dept_code: str, dept_name: str, basic_code: str, name: str) -> dict:
    doc = definition()
    doc["catalogue"]["name"] = name
    doc["catalogue"]["basic_code"] = basic_code
    impl = doc["implementation"]
    impl["implementation_code"] = dept_code + "4" + basic_code
    impl["implementing_body"] = {"name": dept_name, "credit_code": dept_code, "nature": "1"}
    impl["department"] = {"name": dept_name, "code": dept_code}
    return doc


@dataclass
class World:
    dept_a: Department
    dept_b: Department
    item_a: object
    item_b: object


def add_user(username: str, role: str, departments=()):
    sm = current_app.appbuilder.sm
    user = sm.add_user(username=username, first_name=username, last_name="测试", email=f"{username}@example.invalid",
                       role=sm.find_role(role), password=PASSWORD)
    assert user, f"could not create {username}"
    user.departments = list(departments)
    db.session.commit()
    return user


def build_world() -> World:
    """Call inside an app context."""
    item_a = publish(item_definition(DEPT_A, "秦源县甲局", "000100000001", "甲局事项")).item
    item_b = publish(item_definition(DEPT_B, "秦源县乙局", "000100000002", "乙局事项")).item
    db.session.commit()
    dept_a, dept_b = item_a.department, item_b.department
    add_user("sys", SYSTEM_ADMIN)
    add_user("admin_a", DEPARTMENT_ADMIN, [dept_a])
    add_user("admin_b", DEPARTMENT_ADMIN, [dept_b])
    add_user("clerk_a", CLERK, [dept_a])
    add_user("citizen", APPLICANT)
    return World(dept_a, dept_b, item_a.id, item_b.id)


REGIONS = [a + b + "县" for a in "东南西北中上下前后左" for b in "山河川林"]                 # 40
OFFICES = [o + s for o in ("民政", "财政", "教育", "公安", "司法", "水利", "农业", "商务", "文旅", "卫健", "应急", "审计",
                           "统计", "医保", "林业", "交通", "住建", "环保", "人社", "税务", "粮食", "气象", "档案", "信访",
                           "科技") for s in ("局", "服务中心")]                                  # 50


def add_province_departments() -> None:
    """2,000 departments without items, 40 counties of 50 offices (北河县民政局 …). Call inside an app context."""
    db.session.add_all(Department(code=make_uscc(f"11610424MC{n:07d}"), name=f"{region}{office}")
                       for n, (region, office) in enumerate((r, o) for r in REGIONS for o in OFFICES))
    db.session.commit()
