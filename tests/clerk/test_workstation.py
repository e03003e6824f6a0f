"""The clerk workstation through the test client: queue scoping, acceptance with numbers and dates on
the working-day calendar, 退回/不予受理 with reasons, refusals, documents, audit."""
from datetime import date

from sqlalchemy import select

from runtime.extensions import db
from runtime.models import Application, AuditEvent
from tests.clerk.conftest import post
from tests.conftest import csrf_token, issued_pdf, login, logout
from tests.web.people import PASSWORD


def test_other_departments_and_citizens_cannot_see_the_case(client, case):
    login(client, "clerk_a", PASSWORD)
    assert "20261009-0001-0001" not in client.get("/clerk/").get_data(as_text=True)
    assert client.get(f"/clerk/applications/{case}").status_code == 404
    logout(client)
    login(client, "citizen", PASSWORD)
    assert client.get("/clerk/").status_code == 403


def test_accept_numbers_the_case_and_fixes_dates(app, client, case):
    login(client, "clerk_zj", PASSWORD)
    assert "20261009-0001-0001" in client.get("/clerk/?status=submitted").get_data(as_text=True)
    response = post(client, f"/clerk/applications/{case}/accept", confirm="1")
    assert response.status_code == 302
    with app.app_context():
        a = db.session.get(Application, case)
        # promised 5 / legal 15 working days from Fri 2026-10-09; Sat 10-10 was a make-up working day.
        assert (a.status, a.case_number, a.promised_date, a.legal_date) == (
            "accepted", "秦建2026000001", "2026-10-15", "2026-10-29")
        events = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "accept")).all()
        assert events[-1].username == "clerk_zj" and events[-1].before["status"] == "submitted"
    pdf = issued_pdf(client, f"/clerk/applications/{case}/documents/acceptance_notice.pdf")
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")
    again = post(client, f"/clerk/applications/{case}/accept", confirm="1")
    assert again.status_code == 303
    assert "不能受理" in client.get(f"/clerk/applications/{case}").get_data(as_text=True)
    from runtime.models import CaseStage
    with app.app_context():
        open_steps = [s.id for s in db.session.scalars(select(CaseStage).where(CaseStage.done_at.is_(None)))]
    for stage in sorted(open_steps):
        post(client, f"/clerk/applications/{case}/ops/step", stage=str(stage))
    done = post(client, f"/clerk/applications/{case}/complete", note="准予许可,核发施工许可证", decision="granted", confirm="1")
    assert done.status_code == 302
    with app.app_context():
        assert db.session.get(Application, case).status == "completed"


def test_tolerated_acceptance_and_its_supplements(app, client, case):
    login(client, "clerk_zj", PASSWORD)
    post(client, f"/clerk/applications/{case}/accept_tolerated", confirm="1")
    with app.app_context():
        a = db.session.get(Application, case)
        assert a.case_number == "秦建2026000001" and a.tolerated_until == "2026-10-15"  # 5 working days: Sat 10-10, 12, 13, 14, 15
    assert "容缺材料补齐期限" in client.get(f"/clerk/applications/{case}").get_data(as_text=True)
    assert post(client, f"/clerk/applications/{case}/ops/supplements").status_code == 302
    assert post(client, f"/clerk/applications/{case}/ops/supplements").status_code == 303  # only once
    with app.app_context():
        assert db.session.get(Application, case).supplemented_on == "2026-10-09"
    assert "容缺材料已于2026年10月9日补齐" in client.get(f"/clerk/applications/{case}").get_data(as_text=True)


def test_return_and_reject_need_reasons(app, client, case):
    login(client, "clerk_zj", PASSWORD)
    refused = post(client, f"/clerk/applications/{case}/reject", note="", confirm="1")
    assert refused.status_code == 303
    with app.app_context():
        assert db.session.get(Application, case).status == "submitted"
    post(client, f"/clerk/applications/{case}/return", note="施工合同缺少双方盖章", confirm="1")
    with app.app_context():
        a = db.session.get(Application, case)
        assert a.status == "needs_correction" and a.decision_note == "施工合同缺少双方盖章"
    assert issued_pdf(client, f"/clerk/applications/{case}/documents/one_time_notice.pdf").status_code == 200
    post(client, f"/clerk/applications/{case}/void", note="申请人重复提交")
    assert post(client, f"/clerk/applications/{case}/accept", confirm="1").status_code == 303  # a voided case cannot be accepted
    with app.app_context():
        assert db.session.get(Application, case).status == "voided"


def test_citizen_status_page_follows_the_clerk(app, client, case):
    login(client, "clerk_zj", PASSWORD)
    post(client, f"/clerk/applications/{case}/accept", confirm="1")
    logout(client)
    page = client.get("/zwfw/status").get_data(as_text=True)
    result = client.post("/zwfw/status", data={"csrf_token": csrf_token(page), "number": "20261009-0001-0001",
                                               "identity": "91350100M000100Y43"})
    assert "已受理" in result.get_data(as_text=True)


def test_pause_extend_and_payment_move_the_dates(app, client, case, monkeypatch):
    login(client, "clerk_zj", PASSWORD)
    post(client, f"/clerk/applications/{case}/accept", confirm="1")                 # Fri 2026-10-09: promised 10-15, legal 10-29
    monkeypatch.setattr("runtime.clock.today", lambda: date(2026, 10, 12))
    assert post(client, f"/clerk/applications/{case}/ops/pause", note="").status_code == 303  # reason required
    post(client, f"/clerk/applications/{case}/ops/pause", note="专家评审")
    monkeypatch.setattr("runtime.clock.today", lambda: date(2026, 10, 14))
    post(client, f"/clerk/applications/{case}/ops/resume")
    with app.app_context():
        a = db.session.get(Application, case)
        # 10-12..10-14 paused (3 working days): promised 10-15 -> 10-20, legal 10-29 -> 11-03.
        assert (a.promised_date, a.legal_date) == ("2026-10-20", "2026-11-03")
    assert post(client, f"/clerk/applications/{case}/ops/extend", days="11", note="情况复杂").status_code == 303
    post(client, f"/clerk/applications/{case}/ops/extend", days="10", note="情况复杂,经负责人批准")
    assert post(client, f"/clerk/applications/{case}/ops/payment", amount="2000000").status_code == 303  # > due
    post(client, f"/clerk/applications/{case}/ops/payment", amount="1040065.00")
    with app.app_context():
        a = db.session.get(Application, case)
        assert a.legal_date == "2026-11-17" and a.extension_days == 10
        assert (a.fee_due_fen, a.fee_paid_fen, a.paid_on) == (104_006_500, 104_006_500, "2026-10-14")
        actions = {e.action for e in db.session.scalars(select(AuditEvent))}
        assert {"pause", "resume", "extend", "payment"} <= actions
