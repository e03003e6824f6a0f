"""Brute force on the back-office login: after a few failures from one address the account is refused
from that address — even with the right password — while the real user elsewhere still signs in; one
address cannot try many accounts; the API login is limited the same way; the windows are short; and
every failure is in the audit log."""
from __future__ import annotations

import time

from sqlalchemy import select

from runtime.extensions import db
from runtime.models import AuditEvent
from tests.conftest import csrf_token
from tests.web.people import PASSWORD, build_world

ATTACKER = {"REMOTE_ADDR": "203.0.113.9"}
OFFICE = {"REMOTE_ADDR": "198.51.100.20"}


def sign_in(client, username, password, env):
    page = client.get("/login/", environ_base=env).get_data(as_text=True)
    return client.post("/login/", data={"username": username, "password": password, "csrf_token": csrf_token(page)},
                       environ_base=env)


def signed_in(client, env) -> bool:
    return client.get("/clerk/", environ_base=env).status_code == 200


def test_five_failures_refuse_the_account_from_that_address_only(app, client):
    with app.app_context():
        build_world()
    for _ in range(5):
        assert sign_in(client, "clerk_a", "wrong-guess", ATTACKER).status_code == 302
        assert not signed_in(client, ATTACKER)
    refused = sign_in(client, "clerk_a", PASSWORD, ATTACKER)     # the right password, too late
    assert refused.status_code == 302 and int(refused.headers["Retry-After"]) > 0
    assert not signed_in(client, ATTACKER)
    page = client.get("/login/", environ_base=ATTACKER).get_data(as_text=True)
    assert "登录失败次数过多,请等待 15 分钟后再试。" in page
    office = app.test_client()
    assert sign_in(office, "clerk_a", PASSWORD, OFFICE).status_code == 302 and signed_in(office, OFFICE)


def test_one_address_cannot_try_many_accounts(app, client):
    with app.app_context():
        build_world()
    for n in range(30):
        sign_in(client, f"guess{n}", "wrong-guess", ATTACKER)
    assert sign_in(client, "admin_a", PASSWORD, ATTACKER).headers.get("Retry-After")
    assert not signed_in(client, ATTACKER)


def test_the_api_login_is_limited_too(app, client):
    with app.app_context():
        build_world()
    body = {"username": "sys", "password": "wrong-guess", "provider": "db"}
    for _ in range(5):
        assert client.post("/api/v1/security/login", json=body, environ_base=ATTACKER).status_code == 401
    refused = client.post("/api/v1/security/login", json={**body, "password": PASSWORD}, environ_base=ATTACKER)
    assert refused.status_code == 429 and "登录失败次数过多" in refused.get_json()["message"]
    assert "access_token" not in refused.get_data(as_text=True)
    ok = client.post("/api/v1/security/login", json={**body, "password": PASSWORD}, environ_base=OFFICE)
    assert ok.status_code == 200 and "access_token" in ok.get_json()


def test_the_lockout_ends_with_its_window(app, client, monkeypatch):
    monkeypatch.setitem(app.config, "YIWANG_LOGIN_LIMIT_ACCOUNT_ADDRESS", "2 per 2 seconds")
    with app.app_context():
        build_world()
    sign_in(client, "clerk_a", "wrong-guess", ATTACKER)
    sign_in(client, "clerk_a", "wrong-guess", ATTACKER)
    assert sign_in(client, "clerk_a", PASSWORD, ATTACKER).headers.get("Retry-After")
    time.sleep(2.1)
    assert sign_in(client, "clerk_a", PASSWORD, ATTACKER).status_code == 302 and signed_in(client, ATTACKER)


def test_failures_are_audited_with_the_address(app, client):
    with app.app_context():
        build_world()
    sign_in(client, "clerk_a", "wrong-guess", ATTACKER)
    sign_in(client, "nobody", "wrong-guess", ATTACKER)
    with app.app_context():
        events = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "login_failed")
                                    .order_by(AuditEvent.id)).all()
        assert [(e.summary, e.remote_addr) for e in events] == [("登录失败:账号“clerk_a”", "203.0.113.9"),
                                                               ("登录失败:账号“nobody”", "203.0.113.9")]
        assert all("wrong-guess" not in str(e.before) + str(e.after) + e.summary for e in events)
