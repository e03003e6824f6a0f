"""Fees and rules without JsonLogic: a quantity × unit price fee with a cap and a waiver, read back as a
sentence and tried on sample answers; amounts in conditions typed in 元 and stored in fen; a rule built
from its condition, severity, message and target."""
import json
import os
from pathlib import Path

from playwright.sync_api import expect

from tests.browser.conftest import open_editor

SHOTS = Path(os.environ.get("YIWANG_SHOTS", "/work/shots/h18b"))


def definition(page, back):
    page.click("[data-tab=json]")
    doc = json.loads(page.input_value("#json"))
    page.click(f"[data-tab={back}]")
    return doc


def fill(page, path, text):
    box = page.locator(f'input[data-path="{path}"], textarea[data-path="{path}"]').first
    box.fill(text)
    box.dispatch_event("change")


def yuan(locator, text):
    locator.fill(text)
    locator.dispatch_event("change")


def test_quantity_times_price_with_cap_and_waiver(browser, live_server, world):
    context, page = open_editor(browser, live_server, world.item_a)
    page.click("[data-tab=fees]")
    page.locator('div.arr[data-path="$.fees"] > button').last.click()
    expect(page.locator(".charges-note")).to_have_text("已同时将办事指南中的“是否收费”设为“是”。")
    fill(page, "$.fees[0].name", "场地查验费")
    expect(page.locator('[data-path="$.fees[0]"] > .entry-bar strong')).to_have_text("收费项目 1:场地查验费")
    fill(page, "$.fees[0].standard", "按面积每平方米 2 元,最高 500 元")
    fill(page, "$.fees[0].basis", "《某收费标准》")
    amount = page.locator('div.prop[data-path="$.fees[0].amount"]')
    amount.locator("select").first.select_option(label="按数量计算(数量 × 单价)")
    builder = amount.locator(".fee-builder")
    expect(builder.locator('select[data-path="$.fees[0].amount.quantity"]')).to_have_value("answers.area")  # the only number field
    yuan(builder.locator("input.yuan").first, "2")
    builder.get_by_role("checkbox", name="设最高收费").check()
    yuan(builder.get_by_role("textbox", name="最高收费金额(元)"), "500")
    builder.locator(".fee-line", has_text="减免").locator("select").select_option(label="满足条件时免收")
    condition = builder.locator(".fee-waiver .condition-row").first
    condition.locator("select").first.select_option(label="是否委托代理人")
    condition = builder.locator(".fee-waiver .condition-row").first
    condition.locator("select").nth(2).select_option(label="是")
    sentence = "按“面积”× 2.00 元计算,最高 500.00 元;当“是否委托代理人”等于“是”时免收"
    expect(builder.locator(".fee-sentence")).to_have_text(sentence)

    # 试算: the engine's amount for sample answers
    trial = builder.locator(".fee-try")
    area = trial.locator(".fee-line", has_text="面积").locator("input")
    for typed, due in [("100.5", "应收 201.00 元"), ("300", "应收 500.00 元")]:
        area.fill(typed)
        area.dispatch_event("change")
        trial.get_by_role("button", name="计算").click()
        expect(trial.locator("output")).to_have_text(due)
    trial.locator(".fee-line", has_text="是否委托代理人").locator("select").select_option(label="是")
    trial.get_by_role("button", name="计算").click()
    expect(trial.locator("output")).to_have_text("应收 0.00 元")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "fees-1366.png"), full_page=True)

    doc = definition(page, "fees")
    assert doc["guide"]["charges"] is True
    assert doc["fees"][0]["amount"] == {
        "if": [{"==": [{"var": "answers.has_agent"}, True]}, 0, {"min": [{"*": [{"var": "answers.area"}, 200]}, 50000]}]}
    # reopened, the formula is shown in the builder again, not as JsonLogic
    expect(page.locator(".fee-sentence")).to_have_text(sentence)
    expect(page.locator("#problem-count")).to_have_text("(0 个错误,0 个警告)")  # the lint accepts what it wrote
    context.close()


def test_fees_at_phone_width(browser, live_server, world):
    context, page = open_editor(browser, live_server, world.item_a, width=390)
    page.click("[data-tab=fees]")
    page.locator('div.arr[data-path="$.fees"] > button').last.click()
    fill(page, "$.fees[0].name", "场地查验费")
    amount = page.locator('div.prop[data-path="$.fees[0].amount"]')
    amount.locator("select").first.select_option(label="按数量计算(数量 × 单价)")
    standard = page.locator('[data-path="$.fees[0].standard"]').last  # left empty: it follows the sentence
    expect(standard).to_have_value("按“面积”× 0.00 元计算")
    yuan(amount.locator("input.yuan").first, "1.5")
    expect(standard).to_have_value("按“面积”× 1.50 元计算")
    amount.locator(".fee-line", has_text="减免").locator("select").select_option(label="满足条件时按比例减收")
    expect(amount.locator("input.percent")).to_have_value("50")
    expect(amount.locator("input.percent")).to_be_focused()
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "fees-390.png"), full_page=True)
    context.close()


def test_a_rule_from_condition_severity_message_and_target(browser, live_server, world):
    context, page = open_editor(browser, live_server, world.item_a)
    page.click("[data-tab=json]")  # give the form an amount field (set up through the JSON tab)
    doc = json.loads(page.input_value("#json"))
    doc["form"]["steps"][0]["fields"].append({"id": "capital", "type": "money", "label": "注册资本"})
    page.fill("#json", json.dumps(doc, ensure_ascii=False))
    page.click("[data-tab=rules]")
    expect(page.locator(".rule-card").first.locator(".rule-sentence")).to_have_text(
        "当“面积”大于 500时,需补正:面积 【面积】 超过 500")

    page.locator('div.arr[data-path="$.rules"] > button').last.click()
    card = page.locator(".rule-card").nth(1)
    fill(page, "$.rules[1].name", "注册资本偏高")
    line = card.locator(".condition-row").first
    line.locator("select").first.select_option(label="注册资本")
    line = card.locator(".condition-row").first
    line.locator("select").nth(1).select_option(label="大于")
    line = card.locator(".condition-row").first
    yuan(line.locator("input.yuan"), "1,000")
    expect(line.locator("input.yuan")).to_have_value("1000.00")
    card.locator('[data-path="$.rules[1].severity"] input[value=blocking]').check()
    message = card.locator('textarea[data-path="$.rules[1].message"]')
    message.fill("注册资本 ")
    message.dispatch_event("change")
    card.locator('div.prop[data-path="$.rules[1].message"] select').select_option(label="注册资本")
    expect(message).to_have_value("注册资本 {answers.capital}")
    card.locator('select[data-path="$.rules[1].target"]').select_option(label="字段“注册资本”")
    expect(card.locator(".rule-sentence")).to_have_text("当“注册资本”大于 1,000.00 元时,需补正:注册资本 【注册资本】")
    expect(card.locator('input[data-path="$.rules[1].id"]')).to_have_value("zhucezibenpiangao")  # from the name
    page.screenshot(path=str(SHOTS / "rules-1366.png"), full_page=True)

    rule = definition(page, "rules")["rules"][1]
    assert rule["when"] == {">": [{"var": "answers.capital"}, 100000]}  # 1,000 元 is stored as fen
    assert rule["severity"] == "blocking" and rule["target"] == {"field": "capital"}
    assert rule["message"] == "注册资本 {answers.capital}" and rule["id"] == "zhucezibenpiangao"
    context.close()


def test_a_rule_problem_opens_the_rule(browser, live_server, world):
    context, page = open_editor(browser, live_server, world.item_a)
    page.click("[data-tab=rules]")
    message = page.locator('textarea[data-path="$.rules[0].message"]')
    message.fill("")
    message.dispatch_event("change")
    page.click("[data-tab=materials]")
    page.locator("#problems li.error button", has_text="第 1 个规则(未命名):请填写“提示内容”").click()
    expect(page.locator('textarea[data-path="$.rules[0].message"]')).to_be_focused()
    context.close()


def test_the_large_item_opens_its_rules_as_an_outline(browser, live_server, world, app):
    """84 rules as titles and sentences; a rule's controls are built when it is opened (how fast: bench/bench_designer_open.py)."""
    from builder.item_store import publish
    from runtime.extensions import db
    root = Path(__file__).resolve().parents[2]
    with app.app_context():
        item_id = publish(json.loads((root / "item_defs/synthetic/large-synthetic.json").read_text("utf-8"))).item.id
        db.session.commit()
    context, page = open_editor(browser, live_server, item_id, username="sys")
    for tab, ready in [("rules", ".rule-card:nth-child(85) .rule-sentence"), ("materials", "table.materials tr[data-row='44']"),
                       ("fees", '[data-path="$.fees[11]"]')]:
        page.click(f"[data-tab={tab}]")
        page.wait_for_selector(ready)
        if tab != "fees":  # 12 fees are built in full, as any list of that size
            assert page.locator("#sections input, #sections select, #sections textarea").count() < 50, tab
    page.click("[data-tab=rules]")
    page.locator('[data-path="$.rules[3]"] > .entry-bar > .entry-toggle').click()
    expect(page.locator('textarea[data-path="$.rules[3].message"]')).to_be_visible()
    context.close()


def test_rules_at_phone_width(browser, live_server, world):
    context, page = open_editor(browser, live_server, world.item_a, width=390)
    page.click("[data-tab=rules]")
    expect(page.locator(".rule-card")).to_have_count(1)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "rules-390.png"), full_page=True)
    context.close()
