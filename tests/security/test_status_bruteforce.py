"""Brute force on the public status look-up (application number + ID number): the per-address rate
limit engages with a Chinese 429, a forged X-Forwarded-For does not reset it, and an unknown number
answers exactly like a known number with a wrong ID (no oracle for valid numbers)."""
from __future__ import annotations

import re

import pytest

from runtime.extensions import db
from runtime.models import Application
from tests.security.conftest import ID_NUMBER, make_application, token_of




@pytest.fixture
def number(app, actors):
    with app.app_context():
        app_id, _token = make_application(actors.item_a)
        return db.session.get(Application, app_id).number


def _look_up(client, number, identity, **kw):
    token = token_of(client.get("/zwfw/status", **kw).get_data(as_text=True))
    return client.post("/zwfw/status", data={"number": number, "identity": identity, "csrf_token": token}, **kw)


def _normalised(response, number) -> str:
    html = response.get_data(as_text=True).replace(number, "NUMBER")
    return re.sub(r'value="[^"]{40,}"', 'value="TOKEN"', html)  # the CSRF token differs per request


def test_unknown_and_wrong_look_alike(app, client, number):
    unknown_number = number[:-4] + "9999"
    wrong_id = _look_up(client, number, "110105200012310014")
    unknown = _look_up(client, unknown_number, ID_NUMBER)
    assert wrong_id.status_code == unknown.status_code == 404
    assert _normalised(wrong_id, number) == _normalised(unknown, unknown_number)
    assert "未找到与该编号和证件号码相符的申请" in wrong_id.get_data(as_text=True)


def test_rate_limit_engages_in_chinese(app, client, number, monkeypatch):
    monkeypatch.setitem(app.config, "YIWANG_STATUS_RATE_LIMIT", "5/minute")
    codes = [_look_up(client, number, f"11010519491231{i:04d}").status_code for i in range(5)]
    assert codes == [404] * 5
    limited = _look_up(client, number, ID_NUMBER)  # even the right answer is refused now
    page = limited.get_data(as_text=True)
    assert limited.status_code == 429 and "查询过于频繁" in page and "个体工商户登记" not in page
    # Rotating a forged proxy header does not give a fresh allowance.
    for i in range(3):
        response = _look_up(client, number, ID_NUMBER, headers={"X-Forwarded-For": f"10.0.0.{i}"})
        assert response.status_code == 429
    # Another address has its own allowance (the limit is per client, not global).
    other = _look_up(client, number, ID_NUMBER, environ_base={"REMOTE_ADDR": "192.0.2.7"})
    assert other.status_code == 200 and "个体工商户登记" in other.get_data(as_text=True)


def test_the_default_limit_is_strict(app):
    from limits import parse
    limit = parse(app.config["YIWANG_STATUS_RATE_LIMIT"])
    assert limit.amount <= 20 and limit.get_expiry() >= 60  # at most 20 guesses a minute per address
