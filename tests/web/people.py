"""Departments, users and items for web tests: department A and B, each with an item."""
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
