"""The builder's pages and JSON API through the test client: scoping, drafts with optimistic
locking, problems, publishing, versions, Chinese diffs, restore, 试算 (new items are in
test_new_item.py, 试填 in test_tryout.py)."""
import copy
import re

import pytest
from sqlalchemy import select

from runtime.extensions import db
from runtime.models import AuditEvent, Item
from tests.conftest import csrf_token, login, logout
from tests.web.people import PASSWORD, build_world


@pytest.fixture
def world(app):
    with app.app_context():
        built = build_world()
        built.dept_a_id = built.dept_a.id
        return built


def token_of(client):
    page = client.get("/builder/").get_data(as_text=True)
    return re.search(r'name="csrf-token" content="([^"]+)"', page).group(1)


def api(client, method, url, body=None):
    headers = {"X-CSRFToken": token_of(client)}
    return client.open(f"/builder/api{url}", method=method, json=body, headers=headers)


def test_only_authors_of_the_department(client, world):
    assert client.get("/builder/").status_code == 302
    assert client.get(f"/builder/api/items/{world.item_a}/draft").status_code == 401
    login(client, "clerk_a", PASSWORD)
    assert client.get("/builder/").status_code == 403
    logout(client)
    login(client, "admin_b", PASSWORD)
    assert client.get(f"/builder/items/{world.item_a}").status_code == 404
    assert client.get(f"/builder/api/items/{world.item_a}/draft").status_code == 404
    page = client.get("/builder/").get_data(as_text=True)
    assert "乙局事项" in page and "甲局事项" not in page


def test_save_conflict_publish_diff_restore(app, client, world):
    login(client, "admin_a", PASSWORD)
    draft = client.get(f"/builder/api/items/{world.item_a}/draft").json
    assert draft["based_on_version"] == 1 and draft["problems"] == []
    doc = copy.deepcopy(draft["definition"])
    doc["time_limits"]["promised"]["value"] = 2
    saved = api(client, "PUT", f"/items/{world.item_a}/draft", {"definition": doc, "lock_version": draft["lock_version"]})
    assert saved.status_code == 200 and saved.json["lock_version"] == draft["lock_version"] + 1

    other = copy.deepcopy(draft["definition"])
    other["catalogue"]["name"] = "另一位管理员的修改"
    conflict = api(client, "PUT", f"/items/{world.item_a}/draft", {"definition": other, "lock_version": draft["lock_version"]})
    assert conflict.status_code == 409 and "admin_a" in conflict.json["message"]
    assert conflict.json["message"] == "草稿已被 admin_a 修改,请查看对方的修改后合并或重新载入"   # Chinese (gettext)
    assert conflict.json["current"]["definition"]["time_limits"]["promised"]["value"] == 2
    assert any("事项名称" in c["text"] for c in conflict.json["changes"])

    assert client.post(f"/builder/api/items/{world.item_a}/publish", json={}).status_code == 400  # no CSRF token
    published = api(client, "POST", f"/items/{world.item_a}/publish", {"note": "缩短承诺时限"})
    assert published.json["version"] == 2 and published.json["created"] is True
    changes = client.get(f"/builder/api/items/{world.item_a}/diff?from=1&to=2").json
    assert [c["text"] for c in changes] == ["修改 办理时限 › 承诺办结时限 › 时限数值:10 → 2"]
    assert client.get(f"/builder/api/items/{world.item_a}/diff?from=9&to=2").status_code == 404

    lock = client.get(f"/builder/api/items/{world.item_a}/draft").json["lock_version"]
    stale = api(client, "POST", f"/items/{world.item_a}/restore/1", {"lock_version": lock - 1})
    assert stale.status_code == 409 and stale.json["message"] == "草稿已被他人修改,请重新载入后再恢复"
    assert api(client, "POST", f"/items/{world.item_a}/restore/9", {"lock_version": lock}).json["message"] == "没有这个版本"
    restored = api(client, "POST", f"/items/{world.item_a}/restore/1", {"lock_version": lock})
    assert restored.status_code == 200 and restored.json["definition"]["time_limits"]["promised"]["value"] == 10
    assert [v["number"] for v in client.get(f"/builder/api/items/{world.item_a}/versions").json] == [2, 1]
    with app.app_context():
        assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "restore")) is not None
        assert db.session.scalar(select(AuditEvent).where(AuditEvent.object_type == "ItemDraft",
                                                          AuditEvent.action == "update")) is not None


def test_publish_only_the_draft_the_author_confirmed(app, client, world):
    """The designer sends the lock it saved at: a save by someone else before the confirmation is a
    409 and nothing is published."""
    login(client, "admin_a", PASSWORD)
    draft = client.get(f"/builder/api/items/{world.item_a}/draft").json
    doc = copy.deepcopy(draft["definition"])
    doc["time_limits"]["promised"]["value"] = 2
    mine = api(client, "PUT", f"/items/{world.item_a}/draft", {"definition": doc, "lock_version": draft["lock_version"]}).json
    doc["time_limits"]["promised"]["value"] = 3  # another admin saves after the confirmation dialog opened
    api(client, "PUT", f"/items/{world.item_a}/draft", {"definition": doc, "lock_version": mine["lock_version"]})
    stale = api(client, "POST", f"/items/{world.item_a}/publish", {"lock_version": mine["lock_version"]})
    assert stale.status_code == 409 and "又被修改" in stale.json["message"]
    assert [v["number"] for v in client.get(f"/builder/api/items/{world.item_a}/versions").json] == [1]
    fresh = api(client, "POST", f"/items/{world.item_a}/publish", {"lock_version": mine["lock_version"] + 1})
    assert fresh.status_code == 200 and fresh.json["version"] == 2


def test_version_times_are_in_the_centre_time_zone(app, client, world):
    from datetime import datetime

    from sqlalchemy import update

    from runtime.models import ItemVersion
    with app.app_context():  # Core, past the guard that keeps published versions immutable
        db.session.execute(update(ItemVersion.__table__).where(ItemVersion.__table__.c.item_id == world.item_a)
                           .values(published_at=datetime(2026, 11, 30, 17, 5)))  # UTC: 01:05 next day in Beijing
        db.session.commit()
    login(client, "admin_a", PASSWORD)
    listed = client.get(f"/builder/api/items/{world.item_a}/versions").json
    assert listed[0]["published_local"] == "2026-12-01 01:05"


def test_publish_is_refused_while_errors_remain(client, world):
    login(client, "admin_a", PASSWORD)
    draft = client.get(f"/builder/api/items/{world.item_a}/draft").json
    doc = copy.deepcopy(draft["definition"])
    doc["time_limits"]["promised"]["value"] = 99
    doc["materials"][0]["required_if"] = {"==": [{"var": "answers.ghost"}, 1]}
    checked = api(client, "POST", "/check", {"definition": doc}).json["problems"]
    assert {p["code"] for p in checked} >= {"lint.promised_exceeds_legal", "lint.logic_unknown_var"}
    api(client, "PUT", f"/items/{world.item_a}/draft", {"definition": doc, "lock_version": draft["lock_version"]})
    refused = api(client, "POST", f"/items/{world.item_a}/publish", {})
    assert refused.status_code == 422 and "不能发布" in refused.json["message"]
    assert any(p["path"] == "$.materials[0].required_if" for p in refused.json["problems"])


def test_try_a_rule_on_sample_answers(client, world):
    login(client, "admin_a", PASSWORD)
    ok = api(client, "POST", "/try", {"rule": {">": [{"var": "answers.area"}, 100]}, "answers": {"area": 150}})
    assert ok.json == {"value": True, "truthy": True}
    bad = api(client, "POST", "/try", {"rule": {"method": ["x", "toUpperCase"]}})
    assert bad.status_code == 400 and "无效" in bad.json["message"]


def test_preview_follows_answers_and_renders_the_notice(client, world):
    login(client, "admin_a", PASSWORD)
    plain = client.get(f"/builder/items/{world.item_a}/preview").get_data(as_text=True)
    assert "乙类证明" not in plain and "申请表" in plain
    chosen = client.get(f"/builder/items/{world.item_a}/preview?kind=b&area=600").get_data(as_text=True)
    assert "乙类证明" in chosen and "面积 600 超过 500" in chosen
    pdf = client.get(f"/builder/items/{world.item_a}/preview/notice.pdf?kind=b")
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"


def test_blank_forms_are_uploaded_published_and_downloadable(app, client, world):
    import io
    login(client, "admin_a", PASSWORD)
    headers = {"X-CSRFToken": token_of(client)}
    refused = client.post(f"/builder/api/items/{world.item_a}/files", headers=headers,
                          data={"file": (io.BytesIO(b"<html>x</html>"), "form.pdf")}, content_type="multipart/form-data")
    assert refused.status_code == 400 and "不是允许的格式" in refused.json["message"]
    ref = client.post(f"/builder/api/items/{world.item_a}/files", headers=headers,
                      data={"file": (io.BytesIO(PDF), "申请表.pdf")}, content_type="multipart/form-data").json
    assert ref["name"] == "申请表.pdf" and ref["media_type"] == "application/pdf"
    draft = client.get(f"/builder/api/items/{world.item_a}/draft").json
    doc = copy.deepcopy(draft["definition"])
    doc["materials"][0]["blank_form"] = ref
    assert api(client, "PUT", f"/items/{world.item_a}/draft", {"definition": doc, "lock_version": draft["lock_version"]}).status_code == 200
    assert api(client, "POST", f"/items/{world.item_a}/publish", {}).json["version"] == 2
    logout(client)
    page = client.get(f"/zwfw/items/{world.item_a}/downloads").get_data(as_text=True)
    assert f"/files/{ref['sha256']}" in page
    download = client.get(f"/zwfw/items/{world.item_a}/files/{ref['sha256']}")
    assert download.status_code == 200 and download.data == PDF and "attachment" in download.headers["Content-Disposition"]
    assert client.get(f"/zwfw/items/{world.item_b}/files/{ref['sha256']}").status_code == 404  # not that item's file
