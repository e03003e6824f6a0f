"""The builder editor in Chromium: problems appear while typing, save, publish, compare with a version."""
import json

from playwright.sync_api import expect

from tests.browser.conftest import open_editor


def test_edit_save_publish_and_diff(browser, live_server, world, tmp_path):
    context, page = open_editor(browser, live_server, world.item_a, width=1280)
    page.click("[data-tab=json]")

    doc = json.loads(page.input_value("#json"))
    doc["time_limits"]["promised"]["value"] = 99
    page.fill("#json", json.dumps(doc, ensure_ascii=False, indent=2))
    page.wait_for_selector("#problems li.error")
    assert "承诺" in page.inner_text("#problems") and page.is_disabled("#publish")

    doc["time_limits"]["promised"]["value"] = 2
    page.fill("#json", json.dumps(doc, ensure_ascii=False, indent=2))
    page.wait_for_selector("#problem-count:has-text('0 个错误')")
    page.click("#save")
    page.wait_for_selector("#status:has-text('草稿已保存')")
    page.click("#publish")
    page.click("#publish-confirm")
    page.wait_for_selector("#status:has-text('已发布第 2 版')")
    page.wait_for_selector("#versions li:has-text('第 2 版')")
    page.locator("#versions li:has-text('第 1 版') button:has-text('与草稿比较')").click()
    page.wait_for_selector("#diff li")
    assert "承诺办结时限 › 时限数值:10 → 2" in page.inner_text("#diff")
    page.screenshot(path=str(tmp_path / "editor.png"), full_page=True)
    context.close()


def test_sections_edit_without_json(browser, live_server, world, tmp_path):
    """Time limits, a conditional material built with the condition builder, problems shown inline."""
    context, page = open_editor(browser, live_server, world.item_a, width=1280, height=1000)

    page.click("[data-tab=time_limits]")
    promised = page.locator('input[data-path="$.time_limits.promised.value"]')
    promised.fill("99")
    promised.dispatch_event("change")
    page.wait_for_selector(".inline-problem.error")
    assert "承诺" in page.inner_text("#sections")
    promised.fill("5")
    promised.dispatch_event("change")
    page.wait_for_selector("#problem-count:has-text('0 个错误')")

    page.click("[data-tab=materials]")
    page.screenshot(path=str(tmp_path / "materials.png"), full_page=False)
    page.locator("table.materials tr[data-row='2'] .entry-toggle").click()
    page.locator('div.prop[data-path="$.materials[2].required_if"] button', has_text="添加适用条件").click()
    condition = page.locator('[data-path="$.materials[2]"] .condition').first
    condition.locator(".condition-row select").first.select_option(label="类别")
    condition = page.locator('[data-path="$.materials[2]"] .condition').first
    condition.locator(".condition-row select").nth(2).select_option(label="乙类")
    page.locator("table.materials [data-move='0:1']").click()  # reorder
    page.click("[data-tab=json]")
    doc = json.loads(page.input_value("#json"))
    assert [m["id"] for m in doc["materials"]][:3] == ["b_proof", "form_doc", "id_proof"]
    assert doc["materials"][2]["required_if"] == {"==": [{"var": "answers.kind"}, "b"]}
    assert doc["time_limits"]["promised"]["value"] == 5
    page.click("#save")
    page.wait_for_selector("#status:has-text('草稿已保存')")
    context.close()


def test_concurrent_edits_are_merged_not_lost(browser, live_server, world, app):
    first_ctx, first = open_editor(browser, live_server, world.item_a, width=1280)
    second_ctx, second = open_editor(browser, live_server, world.item_a, width=1280, username="sys")

    first.click("[data-tab=time_limits]")
    box = first.locator('input[data-path="$.time_limits.promised.value"]')
    box.fill("4")
    box.dispatch_event("change")
    first.click("#save")
    first.wait_for_selector("#status:has-text('草稿已保存')")

    second.click("[data-tab=guide]")
    window = second.locator('input[data-path="$.guide.locations[0].name"]')
    window.fill("第二位管理员改名的窗口")
    window.dispatch_event("change")
    second.click("#save")
    expect(second.locator("#conflict-dialog")).to_contain_text("承诺办结时限")  # what the other admin changed
    second.click("#conflict-merge")
    second.wait_for_selector("#status:has-text('已合并')")
    assert "已合并两人的修改" in second.inner_text("#status"), second.inner_text("#status")
    second.click("#save")
    second.wait_for_selector("#status:has-text('草稿已保存')")

    from builder.drafts import open_draft
    from runtime.extensions import db
    from runtime.models import Item
    with app.app_context():
        definition = open_draft(db.session.get(Item, world.item_a)).definition
        assert definition["time_limits"]["promised"]["value"] == 4
        assert definition["guide"]["locations"][0]["name"] == "第二位管理员改名的窗口"
    first_ctx.close()
    second_ctx.close()
