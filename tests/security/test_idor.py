"""IDOR: nobody reaches another person's or another department's data by changing an id or a link.
Citizen A vs citizen B (applications, resume links, documents, files, 我的申请); clerks and admins of
department 乙 vs the cases and items of department 甲 (pages, files, documents, builder, exchange, REST
API) — each answers 404 (or 403 for a role that may not use the page at all) and changes nothing."""
from __future__ import annotations

import io
import json
import zipfile

import pytest

from runtime.extensions import db
from runtime.models import Application, ApplicationFile, Consultation, Item, ItemDraft
from runtime.stored_files import save_file
from tests.security.conftest import PDF, login_as, make_application, token_of
from tests.web.people import PASSWORD


@pytest.fixture
def cases(app, actors):
    """Citizen A's signed-in application of 甲 (submitted, with an uploaded file and a consultation) and
    citizen B's draft; ids, links and the file id."""
    from flask import current_app
    with app.app_context():
        sm = current_app.appbuilder.sm
        a_user, b_user = sm.find_user("citizen"), sm.find_user("citizen_b")
        case_a, token_a = make_application(actors.item_a, user_id=a_user.id)
        draft_b, token_b = make_application(actors.item_a, status="draft", user_id=b_user.id)
        stored = save_file(PDF)
        file_row = ApplicationFile(application_id=case_a, material_id="application_form", stored_file_id=stored.id,
                                   original_name="身份证.pdf")
        db.session.add(file_row)
        db.session.add(Consultation(item_id=actors.item_a, department_id=actors.dept_a, question="甲局的咨询问题",
                                    asker_name="甲", asker_contact="13900000000"))
        db.session.commit()
        return {"case_a": case_a, "token_a": token_a, "draft_b": draft_b, "token_b": token_b,
                "file_a": file_row.id, "sha_a": stored.sha256, "number_a": db.session.get(Application, case_a).number,
                "consultation": db.session.scalar(db.select(Consultation.id))}


def _status(client, url, method="GET", **kw):
    return client.open(url, method=method, **kw).status_code


def test_citizen_b_cannot_reach_citizen_as_application(app, client, actors, cases):
    login_as(client, "citizen_b")
    mine = client.get("/zwfw/my").get_data(as_text=True)
    assert cases["number_a"] not in mine
    token = token_of(mine) if 'name="csrf_token"' in mine else token_of(client.get("/zwfw/status").get_data(as_text=True))
    assert client.post(f"/zwfw/my/{cases['case_a']}/open", data={"csrf_token": token}).status_code == 404
    # B's own works (the control), and opening it does not touch A's link.
    assert client.post(f"/zwfw/my/{cases['draft_b']}/open", data={"csrf_token": token}).status_code == 302
    assert client.get(f"/zwfw/a/{cases['token_a']}/done").status_code == 200
    # Citizens never see the uploaded files themselves, nor the clerk pages.
    assert _status(client, f"/clerk/files/{cases['file_a']}") == 403
    assert _status(client, f"/clerk/applications/{cases['case_a']}") == 403
    assert _status(client, f"/zwfw/items/{actors.item_a}/files/{cases['sha_a']}") == 404  # only definition files
    assert _status(client, "/builder/") == 403 and _status(client, "/admin/calendar/") == 403


def test_resume_links_are_the_only_key(app, client, actors, cases):
    forged = ["x", cases["token_a"][:-1], cases["token_a"] + "A", "0" * 32, "%2e%2e", "a" * 65]
    for token in forged:
        for tail in ("applicant", "review", "done", "documents/receipt.pdf"):
            assert _status(client, f"/zwfw/a/{token}/{tail}") == 404, (token, tail)
    assert _status(client, f"/zwfw/a/{cases['token_a']}/done") == 200
    assert _status(client, f"/zwfw/a/{cases['token_a']}/documents/receipt.pdf") == 200
    # A document kind that does not belong to the status is not produced either.
    assert _status(client, f"/zwfw/a/{cases['token_a']}/documents/rejection_notice.pdf") == 404


def test_opening_from_my_applications_revokes_the_old_link(app, client, actors, cases):
    login_as(client, "citizen")
    page = client.get("/zwfw/my").get_data(as_text=True)
    assert cases["number_a"] in page
    response = client.post(f"/zwfw/my/{cases['case_a']}/open", data={"csrf_token": token_of(page)})
    assert response.status_code == 302
    assert _status(client, f"/zwfw/a/{cases['token_a']}/done") == 404  # the old link stopped working
    assert client.get(response.headers["Location"]).status_code == 200


def test_clerk_of_another_department_finds_nothing(app, client, actors, cases):
    login_as(client, "clerk_b")
    queue = client.get("/clerk/").get_data(as_text=True)
    assert cases["number_a"] not in queue
    case = cases["case_a"]
    for search in (f"/clerk/?q={cases['number_a']}", "/clerk/?q=张三"):
        assert f"/clerk/applications/{case}" not in client.get(search).get_data(as_text=True)
    for url in (f"/clerk/applications/{case}", f"/clerk/files/{cases['file_a']}",
                f"/clerk/applications/{case}/documents/one_time_notice.pdf"):
        assert _status(client, url) == 404, url
    token = token_of(queue)
    for url in (f"/clerk/applications/{case}/accept", f"/clerk/applications/{case}/reject",
                f"/clerk/applications/{case}/ops/pause", f"/clerk/applications/{case}/ops/payment"):
        assert client.post(url, data={"csrf_token": token, "note": "越权", "amount": "1"}).status_code == 404, url
    response = client.post("/clerk/intake", data={"csrf_token": token, "item": str(actors.item_a)})
    assert response.status_code == 404
    with app.app_context():
        row = db.session.get(Application, case)
        assert row.status == "submitted" and not row.pauses and not row.fee_paid_fen
        assert db.session.query(Application).count() == 2  # the intake created no draft
    # The control: clerk_a of 甲 sees it.
    login_as(client, "clerk_a")
    assert _status(client, f"/clerk/applications/{case}") == 200
    assert _status(client, f"/clerk/files/{cases['file_a']}") == 200
    assert f"/clerk/applications/{case}" in client.get("/clerk/?q=张三").get_data(as_text=True)


def test_clerks_do_not_see_citizens_drafts(app, client, actors, cases):
    login_as(client, "clerk_a")
    assert _status(client, f"/clerk/applications/{cases['draft_b']}") == 404


def test_admin_of_another_department_cannot_author_or_export(app, client, actors, cases):
    login_as(client, "admin_b")
    item = actors.item_a
    for url in (f"/builder/items/{item}", f"/builder/items/{item}/preview", f"/builder/items/{item}/preview/notice.pdf",
                f"/builder/api/items/{item}/draft", f"/builder/api/items/{item}/versions",
                f"/builder/api/items/{item}/diff?from=1", f"/itemview/show/{item}", f"/itemview/edit/{item}",
                f"/consultationview/show/{cases['consultation']}", f"/consultationview/edit/{cases['consultation']}"):
        assert _status(client, url) == 404, url
    assert "个体工商户登记" not in client.get("/builder/").get_data(as_text=True)
    assert "个体工商户登记" not in client.get("/itemview/list/").get_data(as_text=True)
    assert "甲局的咨询问题" not in client.get("/consultationview/list/").get_data(as_text=True)
    with app.app_context():
        version_id = db.session.get(Item, item).versions[-1].id
    assert _status(client, f"/itemversionview/show/{version_id}") == 404
    token = token_of(client.get("/builder/").get_data(as_text=True))
    headers = {"X-CSRFToken": token}
    assert client.put(f"/builder/api/items/{item}/draft", json={"definition": {}, "lock_version": 1},
                      headers=headers).status_code == 404
    assert client.post(f"/builder/api/items/{item}/publish", json={}, headers=headers).status_code == 404
    assert client.post(f"/builder/api/items/{item}/restore/1", json={"lock_version": 1},
                       headers=headers).status_code == 404
    assert client.post(f"/builder/api/items/{item}/files", data={"file": (io.BytesIO(PDF), "a.pdf")},
                       headers=headers, content_type="multipart/form-data").status_code == 404
    # Exchange: asking for 甲's item by its code exports nothing of it.
    with app.app_context():
        code = db.session.get(Item, item).implementation_code
    exchange = client.get("/builder/exchange/").get_data(as_text=True)
    assert code not in exchange
    response = client.post("/builder/exchange/export", data={"csrf_token": token_of(exchange), "code": code})
    assert response.status_code == 302  # "choose at least one item": nothing of 甲 to export
    response = client.post("/builder/exchange/export", data={"csrf_token": token_of(exchange), "scope": "all"})
    with zipfile.ZipFile(io.BytesIO(response.data)) as bundle:
        manifest = json.loads(bundle.read("manifest.json"))
    assert code not in {i["implementation_code"] for i in manifest["items"]} and manifest["items"]
    with app.app_context():
        assert db.session.query(ItemDraft).filter_by(item_id=item).count() == 0
        assert db.session.get(Item, item).current_version == 1


def test_rest_api_is_scoped_by_department(app, client, actors, cases):
    response = client.post("/api/v1/security/login", json={"username": "admin_b", "password": PASSWORD,
                                                           "provider": "db"})
    headers = {"Authorization": f"Bearer {response.json['access_token']}"}
    listing = client.get("/api/v1/item/", headers=headers).json
    assert [r["name"] for r in listing["result"]] == ["乙局事项"]
    assert client.get(f"/api/v1/item/{actors.item_a}", headers=headers).status_code == 404
    assert client.put(f"/api/v1/item/{actors.item_a}", json={"online": False}, headers=headers).status_code == 404
    assert client.delete(f"/api/v1/item/{actors.item_a}", headers=headers).status_code in (403, 404, 405)
    assert client.post("/api/v1/item/", json={"name": "x"}, headers=headers).status_code in (403, 405)
    # A filter in the query cannot widen the scope either.
    rison = f"(filters:!((col:department_id,opr:eq,value:{actors.dept_a})))"
    response = client.get(f"/api/v1/item/?q={rison}", headers=headers)
    assert response.status_code in (200, 400) and "个体工商户登记" not in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Item, actors.item_a).online is True
