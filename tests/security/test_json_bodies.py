"""Every JSON request body is read strictly at the app's edge (runtime/json_provider.py): nesting
100,000 deep or NaN/Infinity/1e309 is a 400 with a message, never a RecursionError 500 (issue #17 §2-§3)."""
import json

import pytest

from tests.builder.test_builder_api import api, world  # noqa: F401 - fixture
from tests.conftest import login
from tests.web.people import PASSWORD

DEEP = "[" * 100_000 + "]" * 100_000
BODIES = [DEEP, '{"username": "sys", "password": NaN, "provider": "db"}', '{"a": 1e309}', '{"a": -Infinity}']


@pytest.mark.parametrize("body", BODIES)
def test_the_unauthenticated_api_login_answers_400(app, client, body):
    response = client.post("/api/v1/security/login", data=body, content_type="application/json")
    assert response.status_code == 400 and response.get_json()["message"]


@pytest.mark.parametrize("body", BODIES)
def test_the_builder_api_answers_400(client, world, body):  # noqa: F811
    login(client, "admin_a", PASSWORD)
    for url in ("/builder/api/check", "/builder/api/try"):
        token = client.get("/builder/").get_data(as_text=True).split('name="csrf-token" content="')[1].split('"')[0]
        response = client.post(url, data=body, content_type="application/json", headers={"X-CSRFToken": token})
        assert response.status_code == 400 and "JSON" in response.get_json()["message"]


def test_a_costly_rule_in_the_try_api_is_refused_quickly(client, world):  # noqa: F811
    login(client, "admin_a", PASSWORD)
    r300 = list(range(300))
    rule = {"some": [r300, {"some": [r300, {"some": [r300, False]}]}]}
    response = api(client, "POST", "/try", {"rule": rule})
    assert response.status_code == 400 and "计算量超过限制" in response.get_json()["message"]


def test_a_draft_with_a_default_nested_950_deep_is_refused_and_the_editor_still_opens(client, world):  # noqa: F811
    """Before the strict reader, such a default could be saved and published, and then broke the editor."""
    login(client, "admin_a", PASSWORD)
    draft = client.get(f"/builder/api/items/{world.item_a}/draft").json
    doc = draft["definition"]
    doc["form"]["steps"][0]["fields"][0]["default"] = "__DEEP__"
    body = json.dumps({"definition": doc, "lock_version": draft["lock_version"]}, ensure_ascii=False)
    body = body.replace('"__DEEP__"', '{"a": ' * 950 + '"x"' + "}" * 950)   # too deep for json.dumps to write
    token = client.get("/builder/").get_data(as_text=True).split('name="csrf-token" content="')[1].split('"')[0]
    saved = client.put(f"/builder/api/items/{world.item_a}/draft", data=body, content_type="application/json",
                       headers={"X-CSRFToken": token})
    assert saved.status_code == 400 and "嵌套过深" in saved.get_json()["message"]
    assert client.get(f"/builder/api/items/{world.item_a}/draft").json["lock_version"] == draft["lock_version"]
    assert client.get(f"/builder/items/{world.item_a}").status_code == 200
