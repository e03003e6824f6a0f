"""Ids beyond the database's INTEGER range (found by schemathesis on the REST API) answer 404/400 in
Chinese on every route that takes an id, never a 500 from the database driver."""
from __future__ import annotations

from tests.security.conftest import login_as
from tests.security.test_csrf import _url

BIG = "9" * 30


def test_every_id_route_answers_a_client_error(app, client, actors):
    login_as(client, "sys")
    checked = 0
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods or not rule.arguments or rule.endpoint == "static":
            continue
        url = _url(rule).replace("987654", BIG).replace("/x", "/" + BIG)
        response = client.get(url)
        assert response.status_code < 500, f"{url}: {response.status_code}"
        checked += 1
    assert checked > 20


def test_rest_api_refuses_out_of_range_ids(app, client, actors):
    from tests.security.test_openapi_fuzz import _jwt
    headers = _jwt(client, "admin_a")
    for method in ("GET", "PUT"):
        response = client.open(f"/api/v1/item/{BIG}", method=method, json={"online": False}, headers=headers)
        assert response.status_code in (400, 404, 405), (method, response.status_code)
