"""Issue acceptance: a department admin builds a new item entirely through the UI — a field, a
conditional material, a rule and a fee — publishes it, and a citizen applying for it gets the
one-time notice listing the conditional material."""
import re

import pytest

from tests.browser.applicant_steps import apply_for, submit
from tests.browser.conftest import sign_in
from tests.web.people import build_world


@pytest.fixture
def world(app):
    with app.app_context():
        built = build_world()
        built.dept_a_name = built.dept_a.name
        return built


def fill(page, path, text):
    box = page.locator(f'input[data-path="{path}"], textarea[data-path="{path}"]').first
    box.fill(text)
    box.dispatch_event("change")


def click_add(page, prop_path):
    """Optional settings live under 更多设置: open it, then add the setting."""
    prop = page.locator(f'div.prop[data-path="{prop_path}"]').first
    prop.evaluate("e => { const d = e.closest('details'); if (d) d.open = true; }")
    prop.locator("> button").first.click()


def add_entry(page, array_path):
    page.locator(f'div.arr[data-path="{array_path}"] > button').last.click()


def test_admin_builds_publishes_and_citizen_gets_the_notice(browser, live_server, world, tmp_path, app):
    context, page = sign_in(browser, live_server, "admin_a", width=1280, height=1000)

    page.goto(f"{live_server}/builder/new")
    page.fill("#i-catalogue", "临时占道经营备案")  # not in the catalogue: typed in full, with its code
    page.fill("#i-basic_code", "000777000001")
    page.select_option("#i-task_type", "07")
    page.get_by_role("button", name="创建草稿").click()
    page.wait_for_selector("#problem-count:has-text('个错误')")
    item_id = re.search(r"/builder/items/(\d+)", page.url).group(1)

    # 基本信息
    fill(page, "$.catalogue.legal_basis[0].law", "《城市市容和环境卫生管理条例》")
    fill(page, "$.catalogue.legal_basis[0].text", "任何单位和个人不得擅自占用道路、桥梁、地下通道及其他公共场所设摊经营。")
    fill(page, "$.implementation.handle_item_name", "临时占道经营备案")
    page.screenshot(path=str(tmp_path / "basics.png"))
    # 办事指南
    page.click("[data-tab=guide]")
    fill(page, "$.guide.summary", "在城市道路两侧临时设摊经营的,应当事先备案。")
    fill(page, "$.guide.accept_conditions[0]", "申请人为具有完全民事行为能力的自然人。")
    fill(page, "$.guide.locations[0].name", "城管窗口")
    fill(page, "$.guide.locations[0].address", "秦源县人民路88号")
    fill(page, "$.guide.consult_phone", "0910-6512555")
    fill(page, "$.guide.flow_description", "申请 → 受理 → 备案。")
    fill(page, "$.guide.result.name", "临时占道经营备案回执")
    # 文书
    page.click("[data-tab=documents]")
    fill(page, "$.documents.review_authority", "秦源县人民政府")
    fill(page, "$.documents.court", "秦源县人民法院")
    # 表单: a choice field with two options
    page.click("[data-tab=form]")
    page.locator('.canvas-field[data-path="$.form.steps[0].fields[0]"]').click()  # select, then add after it
    page.locator(".palette-type[data-type=select]").click()
    fill(page, "$.form.steps[0].fields[1].label", "经营形式")
    # a 下拉选择 comes with its options table open: no "添加“选项”" step
    page.click('.properties button[data-act="add-option"]')
    page.click('.properties button[data-act="add-option"]')
    fill(page, "$.form.steps[0].fields[1].options[0].label", "门店外摆")  # values follow the labels (pinyin)
    fill(page, "$.form.steps[0].fields[1].options[1].label", "流动摊位")
    page.wait_for_function("() => document.querySelector("
                           "'input[data-path=\"$.form.steps[0].fields[1].options[1].value\"]').value === 'liudongtanwei'")
    page.screenshot(path=str(tmp_path / "form.png"), full_page=True)
    # 材料: the first one completed, a second one only for stalls
    page.click("[data-tab=materials]")
    page.locator("table.materials tr[data-row='0']").click()  # its settings open below the table
    fill(page, "$.materials[0].basis", "《城市市容和环境卫生管理条例》第十四条")
    fill(page, "$.materials[0].acceptance_standard", "申请人签字。")
    add_entry(page, "$.materials")
    fill(page, "$.materials[1].name", "摊位位置示意图")
    click_add(page, "$.materials[1].required_if")
    row = page.locator('div.prop[data-path="$.materials[1].required_if"] .condition-row')
    row.locator("select").first.select_option(label="经营形式")
    row = page.locator('div.prop[data-path="$.materials[1].required_if"] .condition-row')
    row.locator("select").nth(2).select_option(label="流动摊位")
    page.screenshot(path=str(tmp_path / "materials.png"), full_page=True)
    # 规则: a warning for stalls
    page.click("[data-tab=rules]")
    add_entry(page, "$.rules")
    fill(page, "$.rules[0].message", "流动摊位须在指定区域、时段经营")
    page.check('[data-path="$.rules[0].severity"] input[value=warning]')
    row = page.locator('div.prop[data-path="$.rules[0].when"] .condition-row')
    row.locator("select").first.select_option(label="经营形式")
    row = page.locator('div.prop[data-path="$.rules[0].when"] .condition-row')
    row.locator("select").nth(2).select_option(label="流动摊位")
    page.screenshot(path=str(tmp_path / "rules.png"), full_page=True)
    # 收费: a fixed fee of 10 yuan
    page.click("[data-tab=fees]")
    add_entry(page, "$.fees")
    fill(page, "$.fees[0].name", "占道费")
    fill(page, "$.fees[0].standard", "每次 10 元")
    fill(page, "$.fees[0].basis", "《陕西省城市道路占用费收费标准》")
    amount = page.locator('div.prop[data-path="$.fees[0].amount"] input.yuan')
    amount.fill("1O")  # a typo gets a plain message, not a stored amount
    amount.dispatch_event("change")
    page.wait_for_selector('div.prop[data-path="$.fees[0].amount"] .inline-problem:has-text("请按“元”填写金额")')
    amount.fill("10")  # in 元; stored as 1000 fen
    amount.dispatch_event("change")
    assert amount.input_value() == "10.00"
    page.screenshot(path=str(tmp_path / "fees.png"), full_page=True)
    page.click("[data-tab=guide]")  # adding the fee marked the item as charging, as the engine requires
    assert page.locator('input[data-path="$.guide.charges"]').is_checked()
    fill(page, "$.guide.fee_note", "流动摊位按次收取占道费")
    page.click("[data-tab=basics]")
    try:
        page.wait_for_selector("#problem-count:has-text('0 个错误')", timeout=10000)
    except Exception:  # noqa: BLE001 - show what is left on the checklist
        pytest.fail("problems left: " + page.inner_text("#problems"))

    page.click("#save")
    page.wait_for_selector("#status:has-text('草稿已保存')")
    page.click("#publish")
    page.click("#publish-confirm")
    page.wait_for_selector("#status:has-text('已发布第 1 版')")
    from builder.item_store import latest_version
    from runtime.extensions import db
    from runtime.models import Item
    with app.app_context():
        assert latest_version(db.session.get(Item, int(item_id))).definition["fees"][0]["amount"] == 1000  # fen

    # A citizen applies, chooses a stall, submits without uploads.
    citizen = browser.new_context(viewport={"width": 390, "height": 844})
    tab = citizen.new_page()
    tab.goto(f"{live_server}/zwfw/?q=临时占道")
    tab.get_by_role("link", name="临时占道经营备案").first.click()
    assert "占道费" in tab.content()
    apply_for(tab, live_server, item_id)
    tab.get_by_label("申请人姓名").fill("张三")
    tab.get_by_label("经营形式").select_option(label="流动摊位")
    tab.get_by_role("button", name="保存并继续").click()
    submit(tab)
    notice = tab.inner_text("main")
    assert "一次性告知" in notice and "摊位位置示意图" in notice and "申请表" in notice
    citizen.close()
    context.close()
