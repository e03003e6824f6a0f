"""Applicants sign in on a page of the service column, not on the staff login."""
import pytest

from tests.conftest import csrf_token, logout
from tests.web.people import PASSWORD, build_world


@pytest.fixture(autouse=True)
def fresh_limits(app):
    app.extensions.pop("yiwang_rate_limiter", None)   # each test starts with its attempts unspent
    yield
    app.extensions.pop("yiwang_rate_limiter", None)


def _post(client, data, url="/zwfw/login"):
    token = csrf_token(client.get(url).get_data(as_text=True))
    return client.post(url, data={**data, "csrf_token": token})


def test_the_portal_sign_in_link_leads_to_the_applicants_page(app, client):
    page = client.get("/zwfw/").get_data(as_text=True)
    assert 'href="/zwfw/login"' in page and 'href="/login/"' not in page
    assert client.get("/zwfw/my").headers["Location"].startswith("/zwfw/login?next=")
    form = client.get("/zwfw/login").get_data(as_text=True)
    assert "登录政务服务专栏" in form and 'autocomplete="current-password"' in form


def test_an_applicant_signs_in_and_lands_on_my_applications(app, client):
    with app.app_context():
        build_world()
    response = _post(client, {"username": "citizen", "password": PASSWORD, "next": "/zwfw/my"})
    assert response.status_code == 302 and response.headers["Location"] == "/zwfw/my"
    page = client.get("/zwfw/my").get_data(as_text=True)
    assert "我的申请" in page and "退出" in page


def test_a_wrong_password_gets_one_message_and_the_page_again(app, client):
    with app.app_context():
        build_world()
    response = _post(client, {"username": "citizen", "password": "wrong"})
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and "账号或密码不正确" in page and 'value="citizen"' in page
    assert client.get("/zwfw/my").status_code == 302   # not signed in


def test_the_return_address_stays_on_this_site(app, client):
    with app.app_context():
        build_world()
    for hostile in ("https://evil.example/", "//evil.example/x", "/\\evil.example"):
        response = _post(client, {"username": "citizen", "password": PASSWORD, "next": hostile})
        assert response.headers["Location"] == "/zwfw/my", hostile
        logout(client)


def test_attempts_are_limited(app, client):
    for _ in range(10):
        _post(client, {"username": "nobody", "password": "x"})
    page = _post(client, {"username": "nobody", "password": "x"}).get_data(as_text=True)
    assert "尝试次数过多" in page
