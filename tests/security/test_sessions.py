"""Session cookies end when they should: a copied cookie is worthless after its user signs out or after
the password is reset by an administrator; signing out is a POST (a link cannot do it)."""
from __future__ import annotations

import re

from tests.conftest import csrf_token, login, logout
from tests.web.people import PASSWORD, build_world


def session_cookie(client) -> str:
    return client.get_cookie("session").value


def replay(app, cookie: str):
    """Another browser presenting a copy of the cookie."""
    thief = app.test_client()
    thief.set_cookie("session", cookie)
    return thief


def test_a_copied_cookie_dies_at_logout(app, client):
    with app.app_context():
        build_world()
    login(client, "clerk_a", PASSWORD)
    copied = session_cookie(client)
    assert replay(app, copied).get("/clerk/").status_code == 200
    logout(client)
    assert client.get("/clerk/").status_code == 302
    assert replay(app, copied).get("/clerk/").status_code == 302     # sent to the login page


def test_logout_by_get_only_asks(app, client):
    with app.app_context():
        build_world()
    login(client, "clerk_a", PASSWORD)
    page = client.get("/logout/")
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and "退出登录" in html and 'method="post"' in html
    assert client.get("/clerk/").status_code == 200                   # still signed in
    assert client.post("/logout/").status_code == 400                  # no CSRF token: refused
    assert client.get("/clerk/").status_code == 200
    client.post("/logout/", data={"csrf_token": csrf_token(html)})
    assert client.get("/clerk/").status_code == 302


def test_a_password_reset_by_an_administrator_ends_the_users_sessions(app, client):
    with app.app_context():
        world = build_world()
        clerk_id = app.appbuilder.sm.find_user(username="clerk_a").id
    login(client, "clerk_a", PASSWORD)
    admin = app.test_client()
    login(admin, "sys", PASSWORD)
    form = admin.get(f"/resetpassword/form?pk={clerk_id}").get_data(as_text=True)
    new = "Another-Password-2026!"
    done = admin.post(f"/resetpassword/form?pk={clerk_id}",
                      data={"password": new, "conf_password": new, "csrf_token": csrf_token(form)})
    assert done.status_code == 302, re.findall(r"(?s)help-block.{0,200}|alert.{0,300}", done.get_data(as_text=True))
    assert client.get("/clerk/").status_code == 302                   # the clerk's session ended
    assert admin.get("/clerk/").status_code == 200                    # the administrator's did not
    login(client, "clerk_a", new)
    assert client.get("/clerk/").status_code == 200
    del world


def test_changing_ones_own_password_keeps_this_session_and_ends_the_others(app, client):
    with app.app_context():
        build_world()
    login(client, "clerk_a", PASSWORD)
    other = app.test_client()
    login(other, "clerk_a", PASSWORD)
    form = client.get("/resetmypassword/form").get_data(as_text=True)
    new = "Another-Password-2026!"
    client.post("/resetmypassword/form", data={"password": new, "conf_password": new,
                                                "csrf_token": csrf_token(form)})
    assert client.get("/clerk/").status_code == 200
    assert other.get("/clerk/").status_code == 302
