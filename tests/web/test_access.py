"""Login, role scoping by department (views and REST API) and CSRF protection."""
import pytest
from sqlalchemy import select

from runtime.extensions import db
from runtime.models import Department, Item
from tests.conftest import csrf_token, login
from tests.web.people import PASSWORD, build_world


@pytest.fixture
def world(app):
    with app.app_context():
        return build_world()


def test_login_page_is_chinese_and_wrong_password_is_refused(client, world):
    page = client.get("/login/").get_data(as_text=True)
    assert "登录" in page
    response = login(client, "admin_a", "wrong-password")
    assert response.status_code in (200, 302)
    assert client.get("/itemview/list/").status_code == 302  # still anonymous: sent to the login page


def test_anonymous_is_sent_to_login(client, world):
    response = client.get("/itemview/list/")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_department_admin_sees_only_own_items(client, world):
    login(client, "admin_a", PASSWORD)
    page = client.get("/itemview/list/").get_data(as_text=True)
    assert "甲局事项" in page and "乙局事项" not in page
    assert client.get(f"/itemview/show/{world.item_a}").status_code == 200
    assert client.get(f"/itemview/show/{world.item_b}").status_code == 404
    assert client.get(f"/itemview/edit/{world.item_b}").status_code == 404


def test_editing_another_departments_item_by_url_changes_nothing(app, client, world):
    login(client, "admin_a", PASSWORD)
    token = csrf_token(client.get(f"/itemview/edit/{world.item_a}").get_data(as_text=True))
    response = client.post(f"/itemview/edit/{world.item_b}", data={"online": "", "csrf_token": token})
    assert response.status_code == 404
    with app.app_context():
        assert db.session.get(Item, world.item_b).online is True


def test_system_admin_sees_every_department(client, world):
    login(client, "sys", PASSWORD)
    page = client.get("/itemview/list/").get_data(as_text=True)
    assert "甲局事项" in page and "乙局事项" in page
    assert client.get("/departmentview/list/").status_code == 200


def test_clerk_may_read_but_not_edit_items(app, client, world):
    login(client, "clerk_a", PASSWORD)
    assert client.get(f"/itemview/show/{world.item_a}").status_code == 200
    response = client.get(f"/itemview/edit/{world.item_a}")
    assert response.status_code == 403
    assert "您没有执行此操作的权限" in response.get_data(as_text=True)
    assert client.get("/departmentview/list/").status_code == 403


def test_department_admin_cannot_manage_departments_or_audit(client, world):
    login(client, "admin_a", PASSWORD)
    assert client.get("/departmentview/list/").status_code == 403
    assert client.get("/auditeventview/list/").status_code == 403


def _jwt(client, username):
    response = client.post("/api/v1/security/login",
                           json={"username": username, "password": PASSWORD, "provider": "db"})
    assert response.status_code == 200, response.get_data(as_text=True)
    return {"Authorization": f"Bearer {response.json['access_token']}"}


def test_rest_api_is_scoped(app, client, world):
    headers = _jwt(client, "admin_a")
    listing = client.get("/api/v1/item/", headers=headers)
    assert listing.status_code == 200
    assert [row["name"] for row in listing.json["result"]] == ["甲局事项"]
    assert client.get(f"/api/v1/item/{world.item_a}", headers=headers).status_code == 200
    assert client.get(f"/api/v1/item/{world.item_b}", headers=headers).status_code == 404
    assert client.put(f"/api/v1/item/{world.item_b}", json={"online": False}, headers=headers).status_code == 404
    assert client.put(f"/api/v1/item/{world.item_a}", json={"online": False}, headers=headers).status_code == 200
    with app.app_context():
        assert db.session.get(Item, world.item_a).online is False
        assert db.session.get(Item, world.item_b).online is True


def test_rest_api_refuses_session_cookie_and_anonymous(client, world):
    login(client, "admin_a", PASSWORD)
    assert client.get("/api/v1/item/").status_code == 401


def test_rest_api_refuses_clerk_writes(client, world):
    headers = _jwt(client, "clerk_a")
    assert client.put(f"/api/v1/item/{world.item_a}", json={"online": False}, headers=headers).status_code == 403


def test_form_post_without_csrf_token_is_rejected(app, client, world):
    login(client, "sys", PASSWORD)
    response = client.post("/departmentview/add", data={"name": "伪造部门", "code": "11610424MB00000702"})
    assert response.status_code == 400
    assert "刷新" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(Department).where(Department.name == "伪造部门")) is None


def test_unknown_page_gives_chinese_404(client):
    response = client.get("/no-such-page")
    assert response.status_code == 404
    assert "不存在" in response.get_data(as_text=True)
