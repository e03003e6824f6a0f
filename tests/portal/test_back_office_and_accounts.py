"""The department answers 网上咨询 in the back office (scoped to its departments); a signed-in
applicant finds their applications under 我的申请."""
from sqlalchemy import select

from runtime.extensions import db
from runtime.models import Application, Consultation
from tests.conftest import csrf_token, login, logout
from tests.portal.conftest import start
from tests.web.people import PASSWORD, build_world


def ask(app, item_id, question):
    with app.app_context():
        from runtime.models import Item
        item = db.session.get(Item, item_id)
        row = Consultation(item_id=item.id, department_id=item.department_id, question=question, asker_name="王五",
                           asker_contact="13800138000")
        db.session.add(row)
        db.session.commit()
        return row.id


def test_clerk_answers_own_department_questions_only(app, client):
    with app.app_context():
        world = build_world()
    mine, theirs = ask(app, world.item_a, "甲局的问题?"), ask(app, world.item_b, "乙局的问题?")
    login(client, "clerk_a", PASSWORD)
    listing = client.get("/consultationview/list/").get_data(as_text=True)
    assert "甲局的问题" in listing and "乙局的问题" not in listing
    assert client.get(f"/consultationview/edit/{theirs}").status_code == 404
    token = csrf_token(client.get(f"/consultationview/edit/{mine}").get_data(as_text=True))
    response = client.post(f"/consultationview/edit/{mine}", data={"answer": "请携带身份证到窗口办理。", "public": "y",
                                                                  "csrf_token": token})
    assert response.status_code == 302
    with app.app_context():
        row = db.session.get(Consultation, mine)
        assert row.answer == "请携带身份证到窗口办理。" and row.answered_at and row.answered_by.username == "clerk_a"
    logout(client)
    public = client.get(f"/zwfw/items/{world.item_a}/consult").get_data(as_text=True)
    assert "请携带身份证到窗口办理" in public and "13800138000" not in public


def test_signed_in_applicant_sees_and_reopens_own_applications(app, client):
    with app.app_context():
        world = build_world()
    assert client.get("/zwfw/my").status_code == 302  # sign in first
    login(client, "citizen", PASSWORD)
    base = start(client, world.item_a)
    page = client.get("/zwfw/my").get_data(as_text=True)
    assert "甲局事项" in page and "草稿(未提交)" in page
    with app.app_context():
        application = db.session.scalar(select(Application))
    response = client.post(f"/zwfw/my/{application.id}/open", data={"csrf_token": csrf_token(page)})
    assert response.status_code == 302 and response.headers["Location"].endswith("/applicant")
    assert client.get(f"{base}/applicant").status_code == 404  # the old link was replaced
    logout(client)
    login(client, "admin_a", PASSWORD)
    assert client.post(f"/zwfw/my/{application.id}/open",
                       data={"csrf_token": csrf_token(client.get(f"/zwfw/items/{world.item_a}/apply").get_data(as_text=True))}
                       ).status_code == 404
