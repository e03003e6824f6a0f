"""End to end in Chromium, with and without JavaScript: a conditional field and a conditional
material appear and disappear as the applicant changes an answer; the application is submitted."""
from pathlib import Path

from playwright.sync_api import expect

from tests.browser.applicant_steps import VALID_ID, apply_for

PDF = Path(__file__).resolve().parents[1] / "fixtures" / "files" / "scan.pdf"


def refresh(page):
    """Without JavaScript the applicant asks the server to re-evaluate the conditions."""
    if not page.js:
        page.get_by_role("button", name="更新表单").click()


def test_individual_business_family_members_and_material(page, live_server, items):
    apply_for(page, live_server, items["individual-business-registration"])
    expect(page.get_by_role("heading", name="经营者信息")).to_be_visible()
    members = page.locator("[data-field-wrap=family_members]")
    expect(members).to_be_hidden()   # waits: in a busy browser the live logic runs a moment later
    page.get_by_label("家庭经营").check()
    refresh(page)
    expect(members).to_be_visible()
    page.get_by_label("个人经营").check()
    refresh(page)
    expect(members).to_be_hidden()

    page.get_by_label("家庭经营").check()
    refresh(page)
    page.get_by_role("button", name="添加一行").click()
    page.locator("[name=family_members-0-member_name]").fill("李四")
    page.locator("[name=family_members-0-member_id_number]").fill("110105200012310014")
    page.locator("[name=family_members-0-member_relation]").select_option("spouse")
    page.get_by_label("经营者姓名").fill("张三")
    page.get_by_label("经营者居民身份证号码").fill(VALID_ID)
    page.get_by_label("联系电话").fill("13800138000")
    page.locator("[name=by_agent][value=false]").check()
    page.get_by_role("button", name="保存并继续").click()
    expect(page.get_by_role("heading", name="经营信息")).to_be_visible()

    page.get_by_role("link", name="上传材料").click()
    expect(page.get_by_role("heading", name="上传材料", level=1)).to_be_visible()
    expect(page.locator("[data-material=family_relation_proof]")).to_have_count(1)
    page.get_by_role("link", name="经营者信息").click()
    expect(page.get_by_role("heading", name="经营者信息", level=1)).to_be_visible()
    page.get_by_label("个人经营").check()
    page.get_by_role("button", name="保存草稿").click()
    page.get_by_role("link", name="上传材料").click()
    expect(page.get_by_role("heading", name="上传材料", level=1)).to_be_visible()   # the new page has loaded
    expect(page.locator("[data-material=family_relation_proof]")).to_have_count(0)


def test_additional_birth_reason_field_and_submit(page, live_server, items):
    apply_for(page, live_server, items["additional-birth-approval"])
    page.get_by_label("女方姓名").fill("王芳")
    page.get_by_label("女方居民身份证号码").fill("61042419900315002" + check_char("61042419900315002"))
    page.get_by_label("男方姓名").fill("李强")
    page.get_by_label("男方居民身份证号码").fill("61042419880712001" + check_char("61042419880712001"))
    page.get_by_label("结婚登记日期").fill("2012-05-01")
    page.locator("[name=remarried][value=false]").check()
    page.get_by_label("联系电话").fill("13900139000")
    page.get_by_label("女方户籍所在地").fill("610424")
    page.get_by_role("button", name="保存并继续").click()
    expect(page.get_by_role("heading", name="现有子女情况")).to_be_visible()
    other = page.locator("[data-field-wrap=other_reason]")
    expect(other).to_be_hidden()
    page.get_by_label("其他法定情形").check()
    refresh(page)
    expect(other).to_be_visible()
    page.get_by_label("子女经鉴定为病残儿").check()
    refresh(page)
    expect(other).to_be_hidden()


def check_char(first17: str) -> str:
    from runtime.engine.identifiers import id_check_char
    return id_check_char(first17)


def test_upload_is_listed_and_a_disguised_file_refused(page, live_server, items, tmp_path):
    apply_for(page, live_server, items["individual-business-registration"])
    page.get_by_role("link", name="上传材料").click()
    section = page.locator("[data-material=application_form]")
    section.locator("input[type=file]").set_input_files(str(PDF))
    section.get_by_role("button", name="上传").click()
    section = page.locator("[data-material=application_form]")
    expect(section).to_contain_text("scan.pdf")
    expect(section).to_contain_text("已上传")
    fake = tmp_path / "photo.jpg"
    fake.write_text("<html>not an image</html>")
    section.locator("input[type=file]").set_input_files(str(fake))
    section.get_by_role("button", name="上传").click()
    expect(page.locator("[data-material=application_form]")).to_contain_text("不是允许的格式")
