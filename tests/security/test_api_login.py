"""The JWT login answers malformed bodies with a specific 400 in Chinese (FAB alone raised a 500 when
``provider`` was missing, found by schemathesis)."""
import pytest

from tests.web.people import PASSWORD, build_world


@pytest.mark.parametrize("body,word", [({"username": "sys", "password": PASSWORD}, "provider"),
                                       ({"username": "sys", "password": PASSWORD, "provider": "oauth"}, "provider"),
                                       ({"password": PASSWORD, "provider": "db"}, "username"),
                                       ({"username": "sys", "password": 5, "provider": "db"}, "password"),
                                       ({"username": "sys", "password": PASSWORD, "provider": "db", "refresh": "yes"},
                                        "refresh"),
                                       ([1, 2], "JSON 对象")])
def test_malformed_login_bodies_get_a_clear_400(app, client, body, word):
    response = client.post("/api/v1/security/login", json=body)
    assert response.status_code == 400 and word in response.get_json()["message"]


def test_a_well_formed_login_still_reaches_fab(app, client):
    with app.app_context():
        build_world()
    ok = client.post("/api/v1/security/login", json={"username": "sys", "password": PASSWORD, "provider": "db"})
    assert ok.status_code == 200 and "access_token" in ok.get_json()
    wrong = client.post("/api/v1/security/login", json={"username": "sys", "password": "nope", "provider": "db"})
    assert wrong.status_code == 401
