"""The condition builder offers the operators that suit the field's type, an explicit 未填写/已填写, and
reads the condition back as a Chinese sentence."""
import json


from tests.browser.conftest import open_editor

CONDITION = 'div.prop[data-path="$.materials[2].required_if"]'


def options_of(select):
    return select.evaluate("s => Array.from(s.options).map(o => o.text)")


def test_operators_by_type_and_the_sentence(browser, live_server, world):
    context, page = open_editor(browser, live_server, world.item_a)
    page.click("[data-tab=materials]")
    page.locator("table.materials tr[data-row='2'] .entry-toggle").click()
    page.locator(f"{CONDITION} button", has_text="添加适用条件").click()

    row = page.locator(f"{CONDITION} .condition-row").first
    row.locator("select").first.select_option(label="类别")
    row = page.locator(f"{CONDITION} .condition-row").first
    assert options_of(row.locator("select").nth(1)) == ["等于", "不等于", "属于其中之一", "已填写", "未填写"]
    row.locator("select").nth(2).select_option(label="乙类")
    assert page.inner_text(f"{CONDITION} .condition-sentence") == "当“类别”等于“乙类”时"

    row.locator("select").first.select_option(label="面积")
    row = page.locator(f"{CONDITION} .condition-row").first
    assert "大于" in options_of(row.locator("select").nth(1)) and "属于其中之一" not in options_of(row.locator("select").nth(1))
    row.locator("select").nth(1).select_option(label="未填写")
    assert page.inner_text(f"{CONDITION} .condition-sentence") == "当“面积”未填写时"
    page.click("[data-tab=json]")
    rule = json.loads(page.input_value("#json"))["materials"][2]["required_if"]
    assert rule == {"==": [{"var": "answers.area"}, None]}  # 0 is an answer: "not filled in" means no answer
    context.close()
