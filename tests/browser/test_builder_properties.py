"""A field shows only the settings its type uses; changing the type drops the others and opens what the
new type needs; optional yes/no settings are plain checkboxes."""
import json


from tests.browser.conftest import open_editor

FIELD = "$.form.steps[0].fields[5]"


def props(page, path):
    return set(page.eval_on_selector_all(
        f'fieldset[data-path="{path}"] div.prop', "els => els.map(e => e.getAttribute('data-path').split('.').pop())"))


def test_settings_follow_the_field_type(browser, live_server, world):
    context, page = open_editor(browser, live_server, world.item_a)
    page.click("[data-tab=form]")

    page.locator('.canvas-field[data-path="$.form.steps[0].fields[1]"]').click()  # the panel shows the selection
    choice = props(page, "$.form.steps[0].fields[1]")  # 类别, a select
    assert "options" in choice and not choice & {"min", "max", "decimals", "max_length", "pattern"}
    page.locator('.canvas-field[data-path="$.form.steps[0].fields[0]"]').click()
    text = props(page, "$.form.steps[0].fields[0]")  # 姓名, a text field
    assert {"max_length", "pattern"} <= text and not text & {"options", "decimals", "statement"}

    page.locator('.canvas-field[data-path="$.form.steps[0].fields[4]"]').click()
    page.locator(".palette-type[data-type=text]").click()  # a new field after the last one
    page.select_option(f'select[data-path="{FIELD}.type"]', "select")
    assert page.is_visible(f'div.arr[data-path="{FIELD}.options"] button[data-act=add-option]')  # open, not under 更多设置
    assert not props(page, FIELD) & {"min", "max", "decimals", "max_length"}
    page.select_option(f'select[data-path="{FIELD}.type"]', "number")
    assert {"min", "max", "decimals", "unit"} <= props(page, FIELD) and "options" not in props(page, FIELD)

    required = page.locator(f'input[type=checkbox][data-path="{FIELD}.required"]')
    assert required.is_visible() and not required.is_checked()  # a checkbox straight away, not "添加“是否必填”"
    required.check()
    page.click("[data-tab=json]")
    field = json.loads(page.input_value("#json"))["form"]["steps"][0]["fields"][5]
    assert field["type"] == "number" and field["required"] is True and "options" not in field
    page.click("[data-tab=form]")
    page.locator(f'input[type=checkbox][data-path="{FIELD}.required"]').uncheck()
    page.click("[data-tab=json]")
    assert "required" not in json.loads(page.input_value("#json"))["form"]["steps"][0]["fields"][5]
    context.close()
