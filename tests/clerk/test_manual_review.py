"""人工预审 at the window: 通过 as its own step before acceptance, 退回 whose opinion reaches the applicant's
page and the one-time notice, the queue's item filter, and material previews in the case file."""
import subprocess

from sqlalchemy import select

from runtime.extensions import db
from runtime.models import Application, ApplicationFile, AuditEvent
from runtime.stored_files import save_file
from tests.clerk.conftest import post
from tests.conftest import issued_pdf, login, logout
from tests.fixtures.hostile_pdf import pdf_with_script
from tests.web.people import PASSWORD

PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
       b"\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7\x35\x81\x84\x00\x00\x00\x00IEND\xaeB`\x82")


def test_approve_then_accept(app, client, case):
    login(client, "clerk_zj", PASSWORD)
    page = client.get(f"/clerk/applications/{case}").get_data(as_text=True)
    assert "预审通过" in page and "受理" in page
    assert post(client, f"/clerk/applications/{case}/approve").status_code == 302
    with app.app_context():
        assert db.session.get(Application, case).status == "reviewed"
        assert db.session.scalars(select(AuditEvent).where(AuditEvent.action == "approve")).first() is not None
    assert "20261009-0001-0001" in client.get("/clerk/?status=reviewed").get_data(as_text=True)
    assert post(client, f"/clerk/applications/{case}/approve").status_code == 303  # twice is refused
    assert "不能预审通过" in client.get(f"/clerk/applications/{case}").get_data(as_text=True)
    post(client, f"/clerk/applications/{case}/accept", confirm="1")
    with app.app_context():
        a = db.session.get(Application, case)
        assert (a.status, a.case_number) == ("accepted", "秦建2026000001")


def test_return_opinion_reaches_the_page_and_the_notice(app, client, case):
    login(client, "clerk_zj", PASSWORD)
    post(client, f"/clerk/applications/{case}/approve")
    post(client, f"/clerk/applications/{case}/return", note="施工合同缺少发包方盖章", confirm="1")
    with app.app_context():
        a = db.session.get(Application, case)
        assert a.status == "needs_correction" and a.prereview["outcome"] == "needs_correction"
        clerk_findings = [f for f in a.prereview["findings"] if f["kind"] == "clerk"]
        assert [f["message"] for f in clerk_findings] == ["窗口审查意见:施工合同缺少发包方盖章"]
    assert "窗口审查意见:施工合同缺少发包方盖章" in client.get(f"/clerk/applications/{case}").get_data(as_text=True)
    pdf = issued_pdf(client, f"/clerk/applications/{case}/documents/one_time_notice.pdf")
    assert pdf.status_code == 200
    text = subprocess.run(["pdftotext", "-", "-"], input=pdf.data, capture_output=True, check=True).stdout.decode()
    assert "施工合同缺少发包方盖章" in text.replace("\n", "")


def test_queue_filters_by_item(app, client, case):
    login(client, "clerk_zj", PASSWORD)
    with app.app_context():
        item_id = db.session.get(Application, case).item_version.item_id
    queue = client.get("/clerk/").get_data(as_text=True)
    assert f'<option value="{item_id}"' in queue
    assert "20261009-0001-0001" in client.get(f"/clerk/?item={item_id}").get_data(as_text=True)
    assert "20261009-0001-0001" not in client.get(f"/clerk/?item={item_id + 999}&status=accepted").get_data(as_text=True)


def test_case_file_previews_images_and_pdfs(app, client, case):
    with app.app_context():
        a = db.session.get(Application, case)
        material = a.item_version.definition["materials"][0]
        for name, data in (("site.png", PNG), ("contract.pdf", pdf_with_script(pages=1))):
            db.session.add(ApplicationFile(application=a, material_id=material["id"], original_name=name,
                                           stored_file=save_file(data)))
        db.session.commit()
        ids = [f.id for f in a.files]
    login(client, "clerk_zj", PASSWORD)
    page = client.get(f"/clerk/applications/{case}").get_data(as_text=True)
    assert material["name"] in page
    assert f'<img class="preview" src="/clerk/files/{ids[0]}"' in page
    # PDFs as page images rendered on the server, never in the browser's viewer (tests/security/test_pdf_preview.py)
    assert f'<img class="pdf-page" src="/clerk/files/{ids[1]}/pages/1.png"' in page and "<iframe" not in page
    image, pdf = client.get(f"/clerk/files/{ids[0]}"), client.get(f"/clerk/files/{ids[1]}")
    assert image.mimetype == "image/png" and "sandbox" in image.headers["Content-Security-Policy"]
    assert pdf.mimetype == "application/pdf" and pdf.headers["X-Content-Type-Options"] == "nosniff"
    assert pdf.headers["Content-Disposition"] == "attachment"
    assert client.get(f"/clerk/files/{ids[1]}/pages/1.png").data.startswith(b"\x89PNG")


def test_the_applicant_gets_the_documents_of_the_decision(app, client, case):
    from tests.clerk.conftest import RESUME_LINKS
    token = RESUME_LINKS[case]
    before = client.get(f"/zwfw/a/{token}/done").get_data(as_text=True)
    # before a clerk decided: the 收件凭证 only, nothing that reads as acceptance
    assert "下载收件凭证(PDF)" in before and "受理回执" not in before and "受理通知书" not in before
    login(client, "clerk_zj", PASSWORD)
    post(client, f"/clerk/applications/{case}/accept", confirm="1")
    logout(client)
    page = client.get(f"/zwfw/a/{token}/done").get_data(as_text=True)
    assert "已受理" in page and "秦建2026000001" in page and "下载受理通知书(PDF)" in page and "下载受理回执(PDF)" in page
    pdf = issued_pdf(client, f"/zwfw/a/{token}/documents/acceptance_notice.pdf")
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")
    text = subprocess.run(["pdftotext", "-", "-"], input=pdf.data, capture_output=True, check=True).stdout.decode()
    assert "秦建2026000001" in text
