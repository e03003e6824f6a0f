"""Ids come from labels: a new material or option gets a pinyin id from its name, unique in its scope,
shown only under 高级; ids a published version uses are read-only; undo takes back name and id together."""

from builder.drafts import open_draft
from runtime.extensions import db
from runtime.models import Item
from tests.browser.conftest import open_editor


def test_new_elements_get_ids_from_their_names(browser, live_server, world, app):
    context, page = open_editor(browser, live_server, world.item_a)

    page.click("[data-tab=materials]")
    page.locator("table.materials tr[data-row='0'] .entry-toggle").click()  # its settings open below the table
    published = page.locator('input[data-path="$.materials[0].id"]')
    assert not published.is_visible()  # under 高级, closed
    assert published.get_attribute("readonly") is not None and published.input_value() == "form_doc"

    page.locator('div.arr[data-path="$.materials"] > button').last.click()
    name = page.locator('input[data-path="$.materials[4].name"]')
    name.fill("申请表")  # same reading as an existing material's name, different id needed
    name.dispatch_event("change")
    new_id = page.locator('input[data-path="$.materials[4].id"]')
    page.wait_for_function("() => document.querySelector('input[data-path=\"$.materials[4].id\"]').value === 'shenqingbiao'")
    name.fill("健康证明")
    name.dispatch_event("change")  # no longer a placeholder: the id stays put (conditions may use it)
    assert new_id.input_value() == "shenqingbiao" and new_id.get_attribute("readonly") is None

    page.locator('div.arr[data-path="$.materials"] > button').last.click()
    other = page.locator('input[data-path="$.materials[5].name"]')
    other.fill("申请表")
    other.dispatch_event("change")
    page.wait_for_function("() => document.querySelector('input[data-path=\"$.materials[5].id\"]').value === 'shenqingbiao_2'")
    page.click("#undo")  # name and id were one step
    assert page.locator('input[data-path="$.materials[5].name"]').input_value() == ""
    assert page.locator('input[data-path="$.materials[5].id"]').input_value() == "material_6"
    page.click("#redo")

    page.click("[data-tab=form]")  # an option's value follows its label too
    page.locator('.canvas-field[data-path="$.form.steps[0].fields[1]"]').click()  # select 类别 on the canvas
    page.click('.properties button[data-act="add-option"]')
    label = page.locator('input[data-path="$.form.steps[0].fields[1].options[2].label"]')
    label.fill("丙类")
    label.dispatch_event("change")
    page.wait_for_function("() => document.querySelector('input[data-path=\"$.form.steps[0].fields[1].options[2].value\"]').value === 'binglei'")
    page.click("#save")
    page.wait_for_selector("#status:has-text('草稿已保存')")
    with app.app_context():
        definition = open_draft(db.session.get(Item, world.item_a)).definition
    assert [m["id"] for m in definition["materials"]][4:] == ["shenqingbiao", "shenqingbiao_2"]
    assert definition["materials"][4]["name"] == "健康证明"
    assert definition["form"]["steps"][0]["fields"][1]["options"][2] == {"value": "binglei", "label": "丙类"}
    context.close()
