"""CSRF: every state-changing route of the application (enumerated from ``app.url_map``, so a new
route is covered without touching this file) refuses a request without a valid token, even from a
signed-in system administrator; with the page's token the same request passes the CSRF check.

The exception is the JWT REST API under /api/v1/ (Flask-AppBuilder exempts its blueprints): it is
authenticated by a bearer token, never by the cookie, so a forged cross-site request carries nothing."""
from __future__ import annotations

import pytest
from werkzeug.routing.converters import NumberConverter

from tests.security.conftest import login_as, token_of

UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}
CSRF_MESSAGE = "表单已过期或不是从本站提交的"
MISSING_ID = 987654  # no row has it: a request that passes the CSRF check then changes nothing


def _url(rule) -> str:
    values = {}
    for arg, converter in rule._converters.items():
        values[arg] = MISSING_ID if isinstance(converter, NumberConverter) else "x"
    return rule.build(values, append_unknown=False)[1]


def _exempt(app, rule) -> bool:
    csrf = app.extensions["csrf"]
    blueprint = app.blueprints.get(rule.endpoint.rsplit(".", 1)[0]) if "." in rule.endpoint else None
    view = app.view_functions[rule.endpoint]
    return (blueprint in csrf._exempt_blueprints if blueprint else False) or \
        f"{view.__module__}.{view.__name__}" in csrf._exempt_views


def _unsafe_routes(app, exempt: bool):
    return sorted(((m, rule) for rule in app.url_map.iter_rules() for m in sorted(rule.methods & UNSAFE)
                   if _exempt(app, rule) == exempt), key=lambda mr: (mr[1].rule, mr[0]))


def test_csrf_is_really_on(app):
    assert app.config["WTF_CSRF_ENABLED"] is True
    assert app.config.get("WTF_CSRF_CHECK_DEFAULT", True) is True
    assert len(_unsafe_routes(app, exempt=False)) > 50  # the enumeration found the routes


def test_every_state_change_refuses_a_missing_or_foreign_token(app, client, actors):
    other = app.test_client()  # another browser: its token is valid, but not for this session
    foreign = token_of(other.get("/login/").get_data(as_text=True))
    login_as(client, "sys")
    refused = []
    for method, rule in _unsafe_routes(app, exempt=False):
        url = _url(rule)
        for data in ({"name": "伪造"}, {"name": "伪造", "csrf_token": foreign}, {"csrf_token": "forged"}):
            response = client.open(url, method=method, data=data)
            body = response.get_data(as_text=True)
            assert response.status_code == 400 and CSRF_MESSAGE in body, f"{method} {url} accepted {data}"
        # The same request with a header token of another session is refused as well (builder API style).
        response = client.open(url, method=method, json={}, headers={"X-CSRFToken": foreign})
        assert response.status_code == 400 and CSRF_MESSAGE in response.get_data(as_text=True), \
            f"{method} {url} accepted a foreign X-CSRFToken"
        refused.append(url)
    assert "/zwfw/items/987654/start" in refused and "/clerk/applications/987654/x" in refused


def test_the_pages_token_passes_the_check(app, client, actors):
    """The control: the refusals above are the CSRF check, not something else answering 400."""
    login_as(client, "sys")
    token = token_of(client.get("/clerk/").get_data(as_text=True))
    for method, rule in _unsafe_routes(app, exempt=False):
        if rule.rule in ("/logout/", "/login/"):
            continue
        url = _url(rule)
        response = client.open(url, method=method, data={"csrf_token": token}, headers={"X-CSRFToken": token})
        assert CSRF_MESSAGE not in response.get_data(as_text=True), f"{method} {url}"
    assert client.get("/clerk/").status_code == 200  # still signed in: nothing above changed the session


def test_the_exempt_api_ignores_the_session_cookie(app, client, actors):
    exempt = _unsafe_routes(app, exempt=True)
    assert exempt and all(rule.rule.startswith("/api/v1/") for _m, rule in exempt)
    login_as(client, "sys")
    for method, rule in exempt:
        url = _url(rule).replace(str(MISSING_ID), str(actors.item_a))
        response = client.open(url, method=method, json={"online": False})
        if rule.rule == "/api/v1/security/login":
            assert response.status_code in (400, 401) and "access_token" not in response.get_data(as_text=True)
        elif method == "PUT":  # the one write the API grants (to department admins, with a JWT)
            assert response.status_code == 401, f"{method} {url} accepted the session cookie"
        else:  # writes the API never grants: refused whoever asks
            assert response.status_code in (401, 403), f"{method} {url} accepted the session cookie"
    # Reading with the cookie is refused as well: the cookie never authenticates the item API.
    assert client.get("/api/v1/item/").status_code == 401
    from runtime.extensions import db
    from runtime.models import Item
    with app.app_context():
        assert db.session.get(Item, actors.item_a).online is True


@pytest.mark.parametrize("path", ["/zwfw/status"])
def test_public_forms_carry_a_token(client, actors, path):
    assert token_of(client.get(path).get_data(as_text=True))
