"""Crafted parameters are refused at the edge with a 4xx and a Chinese reason, never a 500: the clerk's
amounts and day counts, Flask-AppBuilder's list paging and sorting, and rison in the REST API's ``q``."""
from __future__ import annotations

import pytest

from runtime.extensions import db
from runtime.models import Application
from tests.clerk.conftest import case, post  # noqa: F401 - the accepted-case fixture
from tests.conftest import login
from tests.security.conftest import login_as
from tests.web.people import PASSWORD


@pytest.mark.parametrize("amount", ["NaN", "Infinity", "-Infinity", "1e999999", "sNaN", "1,5", "12.345", "１２"])
def test_crafted_amounts_are_refused_with_a_message(app, client, case, amount):  # noqa: F811
    login(client, "clerk_zj", PASSWORD)
    post(client, f"/clerk/applications/{case}/accept", confirm="1")
    refused = post(client, f"/clerk/applications/{case}/ops/payment", amount=amount)
    assert refused.status_code == 303
    assert "缴费金额应大于 0 且不超过应缴金额" in client.get(f"/clerk/applications/{case}").get_data(as_text=True)
    with app.app_context():
        assert not db.session.get(Application, case).fee_paid_fen


@pytest.mark.parametrize("days", ["²", "٣", "1e3", "-5", "5.0", "9" * 40])
def test_crafted_day_counts_are_refused_with_a_message(app, client, case, days):  # noqa: F811
    login(client, "clerk_zj", PASSWORD)
    post(client, f"/clerk/applications/{case}/accept", confirm="1")
    refused = post(client, f"/clerk/applications/{case}/ops/extend", days=days, note="情况复杂")
    assert refused.status_code == 303
    assert "法定期限最多延长" in client.get(f"/clerk/applications/{case}").get_data(as_text=True)
    with app.app_context():
        assert not db.session.get(Application, case).extension_days


LIST_PARAMS = [("psize_ItemView=abc", "应为整数"), ("psize_ItemView=99999999999", "应为整数"),
               ("psize_ItemView=0", "每页条数应在 1 到 100 之间"), ("page_ItemView=-5", "应为整数"),
               ("page_AuditEventView=²", "应为整数"), ("_oc_ItemView=__class__&_od_ItemView=asc", "不能按"),
               ("_oc_ItemView=name&_od_ItemView=sideways", "应为 asc 或 desc")]


@pytest.mark.parametrize("query,message", LIST_PARAMS)
def test_crafted_list_parameters_are_a_400_on_every_list_page(app, client, actors, query, message):
    login_as(client, "sys")
    for url in [rule.rule for rule in app.url_map.iter_rules() if rule.endpoint.endswith(".list")
                and not rule.arguments]:
        response = client.get(f"{url}?{query}")
        assert response.status_code == 400 and message in response.get_data(as_text=True), url


def test_real_paging_and_sorting_still_work(app, client, actors):
    login_as(client, "sys")
    page = client.get("/itemview/list/?psize_ItemView=25&page_ItemView=0&_oc_ItemView=name&_od_ItemView=desc")
    assert page.status_code == 200


@pytest.mark.parametrize("q", ["((((((", "(" * 3000, "(a:(b:(c:(", "!(!(!(!("])
def test_unbalanced_rison_is_a_400_on_the_item_api(app, client, actors, q):
    token = client.post("/api/v1/security/login", json={"username": "sys", "password": PASSWORD,
                                                         "provider": "db"}).get_json()["access_token"]
    for path in ("/api/v1/item/", "/api/v1/item/_info", f"/api/v1/item/{actors.item_a}"):
        response = client.get(path, query_string={"q": q}, headers={"Authorization": f"Bearer {token}"})
        assert response.status_code == 400, (path, q[:10])
    assert client.get("/api/v1/item/", query_string={"q": "(page:0,page_size:5)"},
                      headers={"Authorization": f"Bearer {token}"}).status_code == 200


@pytest.mark.parametrize("path", ["/zwfw/status", "/login/", "/api/v1/security/login", "/zwfw/items/1/start"])
def test_large_bodies_to_public_forms_are_refused_unread(app, client, path):
    response = client.post(path, data=b"x" * (2 * 1024 * 1024), content_type="application/x-www-form-urlencoded")
    message = response.get_json()["message"] if response.is_json else response.get_data(as_text=True)
    assert response.status_code == 413 and "提交的内容过大" in message


def test_uploads_keep_the_large_limit(app, client, actors):
    from tests.security.conftest import PDF, make_application
    from tests.security.test_uploads import _upload
    with app.app_context():
        _app_id, token = make_application(actors.item_a, status="draft", materials={})
    response = _upload(client, f"/zwfw/a/{token}/materials", PDF + b"%" + b"0" * (1500 * 1024), "scan.pdf")
    assert response.status_code != 413


@pytest.mark.parametrize("url", ["/zwfw/?page=²", "/clerk/?item=²", "/clerk/?department=٣", "/clerk/statistics?department=²",
                                 "/clerk/?after=x~²"])
def test_unicode_digits_in_query_parameters_are_not_numbers(app, client, actors, url):
    """``str.isdigit`` accepts '²' and '٣', which ``int`` refuses: read as ASCII digits or ignored."""
    login_as(client, "sys")
    assert client.get(url).status_code < 500


def test_an_unknown_list_action_is_not_found(app, client, actors):
    login_as(client, "sys")
    from tests.security.conftest import token_of
    token = token_of(client.get("/clerk/").get_data(as_text=True))
    response = client.post("/itemview/action/no_such_action/1", data={"csrf_token": token})
    assert response.status_code == 404 and "没有这个操作" in response.get_data(as_text=True)


def test_a_user_without_a_role_is_refused_with_a_message(app, client, actors):
    login_as(client, "sys")
    page = client.get("/users/add").get_data(as_text=True)
    from tests.security.conftest import token_of
    response = client.post("/users/add", data={"csrf_token": token_of(page), "first_name": "王", "last_name": "五",
                                               "username": "wangwu", "email": "w@example.cn",
                                               "password": "Abcdefgh1!x", "conf_password": "Abcdefgh1!x"})
    assert response.status_code == 200 and "请至少选择一个角色" in response.get_data(as_text=True)
