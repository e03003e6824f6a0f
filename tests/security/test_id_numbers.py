"""ID numbers (身份证号) and credit codes: masked on the public status page, never written to the
application's logs during a full online submission and clerk flow, and absent from the audit log."""
from __future__ import annotations

import io
import logging
import re

from sqlalchemy import select

from runtime.extensions import db
from runtime.models import Application, AuditEvent
from tests.conftest import issued_pdf, logout
from tests.html_forms import hidden_fields
from tests.security.conftest import ID_NUMBER, PDF, login_as, make_application, post_with_token, token_of

MEMBER_ID = "110105200012310014"
CREDIT_CODE = "91350100M000100Y43"
OPERATOR = {"operator_name": "张三", "operator_id_number": ID_NUMBER, "operator_mobile": "13800138000",
            "form_of_business": "family", "by_agent": "false", "family_members-count": "1",
            "family_members-0-member_name": "李四", "family_members-0-member_id_number": MEMBER_ID,
            "family_members-0-member_relation": "spouse"}
BUSINESS = {"has_name": "false", "industry": "retail", "business_scope": "日用百货零售",
            "premises_address": "秦源县人民路1号", "premises_region": "610424", "premises_ownership": "own",
            "employees": "2", "capital": "50000"}
SECRETS = (ID_NUMBER, MEMBER_ID, CREDIT_CODE)




def _leaks(text: str) -> list[str]:
    found = [s for s in SECRETS if s in text or s.lower() in text]
    # Any 18-character resident ID shape as well (a new log line with another person's number).
    found += [m for m in re.findall(r"(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])", text)]
    return found


def _full_flow(app, client, item_id) -> str:
    """Online: applicant, steps, uploads, submit, status look-up; clerk: queue, case file, accept, documents."""
    token_page = client.get(f"/zwfw/items/{item_id}/apply").get_data(as_text=True)
    start = client.post(f"/zwfw/items/{item_id}/start", data={"csrf_token": token_of(token_page)})
    base = start.headers["Location"].rsplit("/", 1)[0]
    assert post_with_token(client, f"{base}/applicant", data={"type": "person", "name": "张三", "id_number": ID_NUMBER,
                                                             "mobile": "13800138000", "go": "next"}).status_code == 302
    assert post_with_token(client, f"{base}/step_operator", data={**OPERATOR, "go": "next"}).status_code == 302
    assert post_with_token(client, f"{base}/step_business", data={**BUSINESS, "go": "next"}).status_code == 302
    assert post_with_token(client, f"{base}/step_declaration", data={"truthfulness_pledge": "true", "go": "next"}) \
        .status_code == 302
    for material in ("application_form", "operator_id_proof", "family_relation_proof", "premises_proof"):
        response = post_with_token(client, f"{base}/materials", data={
            "material": material, "files": (io.BytesIO(PDF), f"{ID_NUMBER}.pdf")}, content_type="multipart/form-data")
        assert response.status_code == 302
    form = hidden_fields(client.get(f"{base}/review").get_data(as_text=True), "/submit")
    assert client.post(f"{base}/submit", data=form).status_code == 302
    done = client.get(f"{base}/done").get_data(as_text=True)
    with app.app_context():
        application = db.session.scalar(select(Application).order_by(Application.id.desc()))
        number, app_id = application.number, application.id
        assert application.status == "submitted"
    status = post_with_token(client, "/zwfw/status", data={"number": number, "identity": ID_NUMBER})
    assert status.status_code == 200
    login_as(client, "clerk_a")
    assert number in client.get("/clerk/").get_data(as_text=True)
    assert client.get(f"/clerk/applications/{app_id}").status_code == 200
    assert post_with_token(client, f"/clerk/applications/{app_id}", f"/clerk/applications/{app_id}/accept",
                           data={"note": "材料齐全", "confirm": "1"}).status_code == 302
    assert issued_pdf(client, f"/clerk/applications/{app_id}/documents/acceptance_notice.pdf").status_code == 200
    assert post_with_token(client, f"/clerk/applications/{app_id}", f"/clerk/applications/{app_id}/complete",
                           data={"note": "已发照", "confirm": "1"}).status_code in (302, 303)
    logout(client)
    return status.get_data(as_text=True) + done


def test_full_flow_logs_no_id_number(app, client, actors, caplog):
    caplog.set_level(logging.DEBUG)  # every logger of the application and its libraries …
    for name in ("werkzeug", "flask_appbuilder", "weasyprint", "flask_wtf"):
        caplog.set_level(logging.DEBUG, logger=name)
    # … and SQL statements as echo=True logs them. (SQLAlchemy's DEBUG level dumps result rows by design:
    # it must never be switched on in production, see SECURITY.md.)
    caplog.set_level(logging.INFO, logger="sqlalchemy.engine")
    _full_flow(app, client, actors.item_a)
    # The organisation applicant's credit code, through a status look-up and a failing one.
    with app.app_context():
        org_id, _token = make_application(actors.item_a, applicant={"type": "organization", "name": "某公司",
                                                                     "credit_code": CREDIT_CODE,
                                                                     "mobile": "13800138000"})
        number = db.session.get(Application, org_id).number
    post_with_token(client, "/zwfw/status", data={"number": number, "identity": CREDIT_CODE})
    post_with_token(client, "/zwfw/status", data={"number": number + "1", "identity": CREDIT_CODE})
    assert len(caplog.records) > 20  # the capture saw the flow (SQL at DEBUG included)
    text = "\n".join(f"{r.name} {r.getMessage()} {r.exc_text or ''}" for r in caplog.records)
    leaking = {r.name for r in caplog.records if _leaks(f"{r.getMessage()} {r.exc_text or ''}")}
    assert _leaks(text) == [], leaking


def test_status_page_masks_the_id_number(app, client, actors):
    page = _full_flow(app, client, actors.item_a)
    status = page.split("</html>", 1)[0]
    assert ID_NUMBER not in status and "110***********002X" in status


def test_audit_log_views_show_no_id_number(app, client, actors):
    _full_flow(app, client, actors.item_a)
    with app.app_context():
        events = db.session.scalars(select(AuditEvent)).all()
        assert any(e.object_type == "Application" for e in events)  # the clerk's actions were audited
        ids = [e.id for e in events]
    login_as(client, "sys")
    pages = [client.get("/auditeventview/list/?psize_AuditEventView=100").get_data(as_text=True)]
    pages += [client.get(f"/auditeventview/show/{i}").get_data(as_text=True) for i in ids]
    assert all(_leaks(p) == [] for p in pages), [(_leaks(p)) for p in pages if _leaks(p)]
    with app.app_context():  # nor in the stored rows behind them
        for event in db.session.scalars(select(AuditEvent)):
            assert _leaks(f"{event.summary} {event.before} {event.after}") == []

