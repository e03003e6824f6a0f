"""Every admin change leaves an audit event with who, what and the values before and after."""
import pytest
from sqlalchemy import select

from runtime.extensions import db
from runtime.models import AuditEvent, Department
from tests.conftest import csrf_token, login
from tests.web.people import PASSWORD, build_world


@pytest.fixture
def world(app):
    with app.app_context():
        return build_world()


def events(app, **where):
    with app.app_context():
        query = select(AuditEvent).order_by(AuditEvent.id)
        for key, value in where.items():
            query = query.where(getattr(AuditEvent, key) == value)
        return [(e.action, e.object_type, e.username, e.before, e.after) for e in db.session.scalars(query)]


def test_publishing_is_audited(app, world):
    published = events(app, action="publish")
    assert len(published) == 2 and published[0][1] == "ItemVersion"


def test_system_admin_adding_a_department_is_audited(app, client, world):
    login(client, "sys", PASSWORD)
    token = csrf_token(client.get("/departmentview/add").get_data(as_text=True))
    response = client.post("/departmentview/add", data={
        "name": "秦源县丙局", "code": "11610424MB00000702", "abbreviation": "秦丙", "csrf_token": token})
    assert response.status_code == 302
    created = events(app, action="create", object_type="Department", username="sys")
    assert [e[4]["name"] for e in created] == ["秦源县丙局"]


def test_invalid_credit_code_is_refused_with_a_message(app, client, world):
    login(client, "sys", PASSWORD)
    token = csrf_token(client.get("/departmentview/add").get_data(as_text=True))
    page = client.post("/departmentview/add", data={"name": "丁局", "code": "11610424MB00000703", "csrf_token": token})
    assert page.status_code == 200
    assert "校验" in page.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(Department).where(Department.name == "丁局")) is None


def test_item_edit_records_before_and_after(app, client, world):
    login(client, "admin_a", PASSWORD)
    token = csrf_token(client.get(f"/itemview/edit/{world.item_a}").get_data(as_text=True))
    response = client.post(f"/itemview/edit/{world.item_a}", data={"csrf_token": token})  # unticks "online"
    assert response.status_code == 302
    updates = events(app, action="update", object_type="Item")
    assert updates and updates[-1][2] == "admin_a"
    assert updates[-1][3]["online"] is True and updates[-1][4]["online"] is False


def test_user_changes_are_audited_without_password(app, world):
    created = events(app, action="create", object_type="User")
    assert len(created) == 5
    assert all(e[4]["password"] == "***" for e in created)
