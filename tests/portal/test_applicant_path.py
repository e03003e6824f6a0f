"""The applicant's path: prefill from the applicant page, a check-your-answers page with 修改 links
(that bring the applicant back) and file names, one wording for an invalid credit code, and the done
page promising nothing before a clerk accepted."""
import re

from runtime.engine.messages import render
from tests.portal.conftest import VALID_ID, start, submit_form
from tests.portal.test_application_flow import BUSINESS, OPERATOR, fill_applicant, post, text, upload


def value_of(page: str, name: str) -> str | None:
    match = re.search(rf'<input[^>]*name="{name}"[^>]*>', page)
    found = match and re.search(r'value="([^"]*)"', match.group(0))
    return found.group(1) if found else None


def test_prefill_fills_the_step_from_the_applicant_page_until_answered(client, item_id):
    base = start(client, item_id)
    fill_applicant(client, base)
    page = text(client.get(f"{base}/step_operator"))
    assert value_of(page, "operator_name") == "张三"          # prefill: applicant.name
    assert value_of(page, "operator_id_number") == VALID_ID   # prefill: applicant.id_number
    assert value_of(page, "operator_mobile") == "13800138000"
    # Stored with the applicant page: the check page has them without the step ever being saved.
    assert "<dt>经营者姓名</dt><dd>张三</dd>" in text(client.get(f"{base}/review"))
    # The applicant's own answer wins, also an emptied one, also when the applicant page is saved again.
    post(client, f"{base}/step_operator", {**OPERATOR, "operator_name": "", "go": "save"})
    fill_applicant(client, base)
    assert value_of(text(client.get(f"{base}/step_operator")), "operator_name") in ("", None)


def _walk_to_review(client, base):
    fill_applicant(client, base)
    post(client, f"{base}/step_operator", {**OPERATOR, "go": "next"})
    post(client, f"{base}/step_business", {**BUSINESS, "go": "next"})
    post(client, f"{base}/step_declaration", {"truthfulness_pledge": "true", "go": "next"})
    upload(client, base, "application_form", name="申请书-张三.pdf")


def test_check_your_answers_shows_answers_by_page_with_change_links_and_file_names(client, item_id):
    base = start(client, item_id)
    _walk_to_review(client, base)
    page = text(client.get(f"{base}/review"))
    for heading in ("申请人信息", "经营者信息", "经营信息", "承诺", "申请材料"):
        assert re.search(rf"<h2>{heading} <a class=\"change\"", page), heading
    assert f'href="{base}/step_business?back=review"' in page and f'href="{base}/materials"' in page
    business = page.split("<h2>经营信息", 1)[1].split("<h2>", 1)[0]
    assert "<dt>经营范围</dt><dd>日用百货零售</dd>" in business and "<dd>批发和零售业</dd>" in business
    assert "<dd>50,000.00 元</dd>" in business and "operator_name" not in business   # only this page's answers
    assert "申请书-张三.pdf" in page                       # the file name under its material
    assert VALID_ID not in page and "110***********002X" in page        # the ID number masked
    # 修改 brings the applicant back to the check page after saving.
    response = post(client, f"{base}/step_business?back=review", {**BUSINESS, "business_scope": "文具零售", "go": "next"})
    assert response.status_code == 302 and response.headers["Location"].endswith("/review")
    assert "文具零售" in text(client.get(f"{base}/review"))


def test_one_wording_for_an_invalid_credit_code(client, item_id):
    base = start(client, item_id)
    bad = "91350100M000100Y44"   # check character wrong
    page = text(post(client, f"{base}/applicant", {"type": "organization", "name": "某公司", "credit_code": bad,
                                                   "legal_person": "张三", "id_number": VALID_ID,
                                                   "mobile": "13800138000", "go": "next"}))
    assert render("field.uscc.checksum", label="统一社会信用代码") in page


def test_the_done_page_promises_no_completion_date_before_acceptance(client, item_id):
    base = start(client, item_id)
    _walk_to_review(client, base)
    for material in ("operator_id_proof",):
        upload(client, base, material)
    client.post(f"{base}/submit", data=submit_form(client, base))
    done = text(client.get(f"{base}/done"))
    assert "下载收件凭证(PDF)" in done and "受理回执" not in done and "承诺办结日期" not in done
    assert "前作出是否受理的决定" in done and "尚未作出受理决定" in done


def test_scenario_answers_come_along_into_the_application(app, client, item_id):
    from sqlalchemy import select

    from runtime.extensions import db
    from runtime.models import Application
    from tests.conftest import csrf_token
    scenario = text(client.get(f"/zwfw/items/{item_id}/scenario?form_of_business=family&by_agent=true"))
    # the 容缺-able material is marked so, with its deadline, not listed as simply required
    assert "经营场所使用证明" in scenario and "可容缺受理：受理后 10 个工作日内补交" in scenario
    link = re.search(r'href="([^"]*/apply\?[^"]*)"', scenario).group(1).replace("&amp;", "&")
    assert "form_of_business=family" in link and "by_agent=true" in link
    apply_page = text(client.get(link))
    assert 'name="form_of_business" value="family"' in apply_page
    response = client.post(f"/zwfw/items/{item_id}/start", data={
        "csrf_token": csrf_token(apply_page), "form_of_business": "family", "by_agent": "true",
        "operator_name": "not a scenario question"})
    assert response.status_code == 302
    with app.app_context():
        answers = db.session.scalar(select(Application)).answers
    assert answers == {"form_of_business": "family", "by_agent": "true"}   # stored as a step stores them
    step = text(client.get(response.headers["Location"].replace("/applicant", "/step_operator")))
    assert re.search(r'<input[^>]*name="form_of_business"[^>]*value="family"[^>]*checked', step)
