"""Filling in, uploading, submitting and looking up an application without JavaScript, through
Flask's test client (each step posted like a browser form)."""
import io

from sqlalchemy import select

from runtime.extensions import db
from runtime.models import Application, ApplicationEvent, ApplicationFile
from tests.conftest import csrf_token, issued_pdf
from tests.portal.conftest import VALID_ID, start, submit_form

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"
MEMBER_ID = "110105200012310014"
OPERATOR = {"operator_name": "张三", "operator_id_number": VALID_ID, "operator_mobile": "13800138000",
            "form_of_business": "individual", "by_agent": "false"}
BUSINESS = {"has_name": "false", "industry": "retail", "business_scope": "日用百货零售",
            "premises_address": "秦源县人民路1号", "premises_region": "610424", "premises_ownership": "own",
            "employees": "2", "capital": "50000"}


def text(response):
    return response.get_data(as_text=True)


def post(client, url, data, files=None):
    token = csrf_token(text(client.get(url)))
    payload = {**data, "csrf_token": token}
    if files:
        payload.update(files)
        return client.post(url, data=payload, content_type="multipart/form-data")
    return client.post(url, data=payload)


def fill_applicant(client, base):
    return post(client, f"{base}/applicant", {"type": "person", "name": "张三", "id_number": VALID_ID,
                                              "mobile": "13800138000", "go": "next"})


def upload(client, base, material, content=PDF, name="scan.pdf"):
    return post(client, f"{base}/materials", {"material": material}, {"files": (io.BytesIO(content), name)})


def test_every_error_of_a_step_is_listed_at_once_in_chinese(client, item_id):
    base = start(client, item_id)
    response = post(client, f"{base}/applicant", {"type": "person", "name": "", "id_number": "110105194912310021",
                                                  "mobile": "123", "go": "next"})
    assert response.status_code == 400
    page = text(response)
    assert "请修改以下内容(3 项)" in page
    assert "校验位不正确" in page and "请填写申请人姓名" in page and "11 位数字" in page
    assert 'href="#f-id_number"' in page and 'aria-invalid="true"' in page


def test_full_walk_without_javascript(app, client, item_id):
    base = start(client, item_id)
    assert fill_applicant(client, base).headers["Location"].endswith("/step_operator")

    # Choosing family business makes the members group required; the server says so on posting.
    response = post(client, f"{base}/step_operator", {**OPERATOR, "form_of_business": "family", "go": "next"})
    assert response.status_code == 400 and "参加经营的家庭成员" in text(response)
    response = post(client, f"{base}/step_operator", {**OPERATOR, "form_of_business": "family",
                                                     "add_row": "family_members"})
    assert response.status_code == 200 and 'name="family_members-0-member_name"' in text(response)
    response = post(client, f"{base}/step_operator", {
        **OPERATOR, "form_of_business": "family", "family_members-count": "1",
        "family_members-0-member_name": "李四", "family_members-0-member_id_number": "110105200012310019",
        "family_members-0-member_relation": "spouse", "go": "next"})
    assert response.status_code == 400 and 'href="#f-family_members-0-member_id_number"' in text(response)
    response = post(client, f"{base}/step_operator", {
        **OPERATOR, "form_of_business": "family", "family_members-count": "1",
        "family_members-0-member_name": "李四", "family_members-0-member_id_number": MEMBER_ID,
        "family_members-0-member_relation": "spouse", "go": "next"})
    assert response.headers["Location"].endswith("/step_business")
    assert post(client, f"{base}/step_business", {**BUSINESS, "go": "next"}).headers["Location"].endswith(
        "/step_declaration")
    assert post(client, f"{base}/step_declaration", {"truthfulness_pledge": "true", "go": "next"}) \
        .headers["Location"].endswith("/materials")

    # The family material is on the checklist; a disguised file is refused by content.
    page = text(client.get(f"{base}/materials"))
    assert "家庭成员关系证明" in page
    refused = upload(client, base, "application_form", b"<script>alert(1)</script>", "evil.pdf")
    assert refused.status_code == 400 and "不是允许的格式" in text(refused)
    for material in ("application_form", "operator_id_proof", "family_relation_proof"):
        assert upload(client, base, material).status_code == 302

    review = text(client.get(f"{base}/review"))
    assert "容缺受理" in review and "经营场所使用证明" in review  # the tolerated material, flagged
    response = client.post(f"{base}/submit", data=submit_form(client, base))
    done = text(client.get(response.headers["Location"]))
    with app.app_context():
        application = db.session.scalar(select(Application))
        assert application.status == "submitted" and application.number
        assert application.prereview["outcome"] == "tolerated"
        assert db.session.scalar(select(ApplicationFile).where(
            ApplicationFile.material_id == "family_relation_proof")).original_name == "scan.pdf"
        number = application.number
    assert f"申请编号:{number}" in done
    # Submitted applications are no longer editable through the link.
    assert client.get(f"{base}/step_business").status_code == 302


def test_incomplete_submission_gets_the_one_time_notice_and_stays_editable(app, client, item_id):
    base = start(client, item_id)
    fill_applicant(client, base)
    post(client, f"{base}/step_operator", {**OPERATOR, "go": "next"})
    response = client.post(f"{base}/submit", data=submit_form(client, base))
    notice = text(client.get(response.headers["Location"]))
    assert "一次性告知" in notice
    for missing in ("经营范围", "个体工商户登记(备案)申请书", "经营者居民身份证"):
        assert missing in notice, missing
    with app.app_context():
        assert db.session.scalar(select(Application)).status == "needs_correction"
    assert client.get(f"{base}/step_business").status_code == 200


def events(app) -> list[str]:
    with app.app_context():
        return list(db.session.scalars(select(ApplicationEvent.status_to).order_by(ApplicationEvent.id)))


def test_a_repeated_submit_from_the_same_page_is_not_a_new_submission(app, client, item_id):
    """needs_correction stays editable, so the status cannot tell a second click from a re-submission;
    the revision the review page showed does (tests/faults races the same clicks on a real server)."""
    base = start(client, item_id)
    fill_applicant(client, base)
    post(client, f"{base}/step_operator", {**OPERATOR, "go": "next"})
    form = submit_form(client, base)
    assert client.post(f"{base}/submit", data=form).headers["Location"].endswith(f"{base}/done")
    assert events(app) == ["draft", "needs_correction"]
    with app.app_context():
        number = db.session.scalar(select(Application)).number
    for stale in (form, {"csrf_token": form["csrf_token"]}, {**form, "revision": "x"}):
        response = client.post(f"{base}/submit", data=stale)  # the second click, or no review page of ours
        assert response.status_code == 302 and response.headers["Location"].endswith(f"{base}/done")
    assert events(app) == ["draft", "needs_correction"]
    assert "一次性告知" in text(client.get(f"{base}/done"))

    # Pressing submit again later from a freshly loaded review page is a submission (pre-review again).
    client.post(f"{base}/submit", data=submit_form(client, base))
    assert events(app) == ["draft", "needs_correction", "needs_correction"]
    # The applicant's corrections, then a fresh review page: submitted under the same number.
    post(client, f"{base}/step_operator", {**OPERATOR, "go": "next"})
    post(client, f"{base}/step_business", {**BUSINESS, "go": "next"})
    post(client, f"{base}/step_declaration", {"truthfulness_pledge": "true", "go": "next"})
    for material in ("application_form", "operator_id_proof"):
        assert upload(client, base, material).status_code == 302
    client.post(f"{base}/submit", data=submit_form(client, base))
    assert events(app) == ["draft", "needs_correction", "needs_correction", "submitted"]
    with app.app_context():
        assert db.session.scalar(select(Application)).number == number


def test_a_draft_changed_since_its_review_page_goes_back_to_that_page(app, client, item_id):
    """Another tab saved the draft after this review page was shown: nothing is submitted, and the
    applicant sees the review page as it now stands with the reason."""
    base = start(client, item_id)
    fill_applicant(client, base)
    form = submit_form(client, base)
    post(client, f"{base}/step_operator", {**OPERATOR, "go": "save"})          # the other tab
    response = client.post(f"{base}/submit", data=form)
    assert response.status_code == 302 and response.headers["Location"].endswith(f"{base}/review")
    assert events(app) == ["draft"]
    assert "请核对后重新提交" in text(client.get(f"{base}/review"))
    client.post(f"{base}/submit", data=submit_form(client, base))
    assert events(app) == ["draft", "needs_correction"]


def test_forged_fields_and_scripts_are_harmless(app, client, item_id):
    base = start(client, item_id)
    fill_applicant(client, base)
    post(client, f"{base}/step_operator", {**OPERATOR, "operator_name": "<script>alert('x')</script>",
                                           "is_admin": "true", "answers.fee": "0", "go": "save"})
    page = text(client.get(f"{base}/step_operator"))
    assert "<script>alert('x')</script>" not in page and "&lt;script&gt;" in page
    with app.app_context():
        answers = db.session.scalar(select(Application)).answers
    assert "is_admin" not in answers and "answers.fee" not in answers
    assert client.get(f"{base}/no_such_step").status_code == 404
    assert client.get("/zwfw/a/not-a-real-token/applicant").status_code == 404


def test_withdraw_before_submission(app, client, item_id):
    base = start(client, item_id)
    page = text(client.get(f"{base}/applicant"))
    token = csrf_token(page)
    client.post(f"{base}/withdraw", data={"csrf_token": token})
    with app.app_context():
        assert db.session.scalar(select(Application)).status == "withdrawn"
    assert "申请已撤回" in text(client.get(f"{base}/done"))


def test_applicant_downloads_own_one_time_notice(app, client, item_id):
    base = start(client, item_id)
    fill_applicant(client, base)
    client.post(f"{base}/submit", data=submit_form(client, base))
    assert 'documents/one_time_notice/issue' in text(client.get(f"{base}/done"))   # a button: issuing is a POST
    pdf = issued_pdf(client, f"{base}/documents/one_time_notice.pdf")
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf" and pdf.data.startswith(b"%PDF")
    assert client.get(f"{base}/documents/acceptance_slip.pdf").status_code == 404  # not accepted
    assert client.get(f"{base}/documents/receipt.pdf").status_code == 200         # but received
    assert 'documents/one_time_notice.pdf' in text(client.get(f"{base}/done"))    # issued: now a link
    assert client.get("/zwfw/a/wrong-token/documents/one_time_notice.pdf").status_code == 404
