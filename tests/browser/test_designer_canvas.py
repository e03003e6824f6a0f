"""The form designer: the canvas shows the form with the portal's controls, a click selects an element
and the properties panel edits it, the palette adds fields by click and by drag, fields move by drag and
by keyboard (also across steps), and choice options come from a pasted list."""
import json
import os

from playwright.sync_api import expect

from tests.browser.conftest import open_editor

SHOTS = os.environ.get("YIWANG_SHOTS")


def shot(page, name):
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/{name}.png", full_page=False)


def definition(page):
    page.click("[data-tab=json]")
    doc = json.loads(page.input_value("#json"))
    page.click("[data-tab=form]")
    return doc


def fields_of(doc, step=0):
    return [f["id"] for f in doc["form"]["steps"][step]["fields"]]


def open_form(browser, live_server, item_id, width=1366):
    context, page = open_editor(browser, live_server, item_id, width)
    page.errors = []  # script errors and refused inline styles (CSP) would show here
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    page.on("console", lambda m: page.errors.append(m.text) if m.type == "error" else None)
    page.click("[data-tab=form]")
    expect(page.locator(".canvas-field").first).to_be_visible()
    expect(page.locator(".canvas-field .canvas-control input, .canvas-field .canvas-control select").first).to_be_attached()
    return context, page


def test_select_on_the_canvas_and_edit_in_the_panel(browser, live_server, world):
    context, page = open_form(browser, live_server, world.item_a)
    shot(page, "form-1366")
    first = page.locator('.canvas-field[data-path="$.form.steps[0].fields[0]"]')
    expect(first.locator("label")).to_contain_text(page.locator("#json").input_value() and "")
    first.click()
    expect(first).to_have_class("canvas-field selected")
    label = page.locator('.properties input[data-path="$.form.steps[0].fields[0].label"]')
    expect(label).to_be_visible()
    label.fill("申请人姓名")
    label.press("Tab")
    expect(first.locator(".canvas-control label")).to_contain_text("申请人姓名")  # drawn again by the portal code
    shot(page, "form-selected-1366")
    assert definition(page)["form"]["steps"][0]["fields"][0]["label"] == "申请人姓名"
    page.click("#undo")
    expect(page.locator('.canvas-field[data-path="$.form.steps[0].fields[0]"] .canvas-control label')).not_to_contain_text("申请人姓名")
    context.close()


def drag(page, source, target, where=0.5, into=None):
    """Press on source, move in steps (SortableJS's mouse fallback follows the moves), release over target
    once SortableJS has put its placeholder in a list, and wait for the drop to finish: on a busy machine its
    50 ms pointer checks run late, and a release before them drops nothing."""
    a, b = source.bounding_box(), target.bounding_box()
    page.mouse.move(a["x"] + a["width"] / 2, a["y"] + a["height"] / 2)
    page.mouse.down()
    page.mouse.move(a["x"] + a["width"] / 2 + 8, a["y"] + a["height"] / 2 + 8, steps=4)
    page.mouse.move(b["x"] + b["width"] / 2, b["y"] + b["height"] * where, steps=20)
    page.wait_for_timeout(120)
    page.mouse.move(b["x"] + b["width"] / 2 + 1, b["y"] + b["height"] * where, steps=2)
    page.wait_for_function("c => { const g = document.querySelector('.canvas-ghost');"   # in the list it must reach
                           " return g && (c ? c.contains(g) : !g.closest('.palette-types')); }",
                           arg=into.element_handle() if into is not None else None, timeout=10_000)
    page.mouse.up()
    page.wait_for_function("() => !document.querySelector('.canvas-ghost, .sortable-fallback')", timeout=10_000)


def test_palette_adds_a_field_by_click_and_by_drag(browser, live_server, world):
    context, page = open_form(browser, live_server, world.item_a)
    page.locator('.canvas-field[data-path="$.form.steps[0].fields[1]"]').click()  # 类别
    page.locator(".palette-type[data-type=mobile]").click()  # added after the selection, its name ready to type
    added = page.locator('.canvas-field[data-path="$.form.steps[0].fields[2]"]')
    expect(added).to_have_class("canvas-field selected")
    expect(added.locator("input[type=tel]")).to_be_attached()
    label = page.locator('.properties input[data-path="$.form.steps[0].fields[2].label"]')
    expect(label).to_be_focused()
    page.keyboard.type("联系手机")
    label.press("Tab")
    page.wait_for_function("() => JSON.parse(document.getElementById('json').value).form.steps[0].fields[2].id === 'lianxishouji'")
    shot(page, "palette-click-1366")

    drag(page, page.locator(".palette-type[data-type=date]"), page.locator('.canvas-field[data-path="$.form.steps[0].fields[0]"]'), 0.2)
    expect(page.locator('.canvas-field[data-path="$.form.steps[0].fields[0]"] input[type=date]')).to_be_attached()
    doc = definition(page)
    assert [f["type"] for f in doc["form"]["steps"][0]["fields"]][:4] == ["date", "text", "select", "mobile"]
    assert len(doc["form"]["steps"][0]["fields"]) == 7
    page.click("#undo")  # one undo step per addition
    expect(page.locator(".canvas-field input[type=date]")).to_have_count(0)
    context.close()


def test_fields_move_by_drag_and_by_keyboard_across_steps(browser, live_server, world):
    context, page = open_form(browser, live_server, world.item_a)
    page.set_viewport_size({"width": 1366, "height": 1800})  # both ends of each drag on the screen
    page.click(".canvas-add-step")
    expect(page.locator('.canvas-step[data-path="$.form.steps[1]"]')).to_be_visible()
    page.locator('.properties input[data-path="$.form.steps[1].title"]').fill("经营信息")
    page.keyboard.press("Tab")

    pick = page.locator('.canvas-pick[data-pick="$.form.steps[0].fields[0]"]')
    pick.focus()
    page.keyboard.press("Alt+ArrowDown")  # 姓名 below 类别
    expect(page.locator('.canvas-pick[data-pick="$.form.steps[0].fields[1]"]')).to_be_focused()
    assert fields_of(definition(page)) == ["kind", "name", "area", "has_agent", "agent_name"]

    page.locator('.canvas-pick[data-pick="$.form.steps[0].fields[4]"]').focus()
    page.keyboard.press("Alt+ArrowDown")  # the last field of step 1 goes on to step 2
    expect(page.locator('.canvas-pick[data-pick="$.form.steps[1].fields[0]"]')).to_be_focused()
    page.click('.properties button[data-act="prev-step"]')  # and back with the panel's button
    expect(page.locator('.canvas-step[data-path="$.form.steps[0]"] .canvas-field')).to_have_count(5)

    drag(page, page.locator('.canvas-field[data-path="$.form.steps[0].fields[2]"] .canvas-pick'),
         page.locator('.canvas-step[data-path="$.form.steps[1]"] .canvas-empty'))  # 面积 into the empty step 2
    expect(page.locator('.canvas-field[data-path="$.form.steps[1].fields[0]"]')).to_be_visible()
    drag(page, page.locator('.canvas-field[data-path="$.form.steps[0].fields[3]"] .canvas-pick'),
         page.locator('.canvas-field[data-path="$.form.steps[0].fields[0]"]'), 0.2)  # agent_name to the top
    expect(page.locator('.canvas-field[data-path="$.form.steps[0].fields[0]"] .canvas-pick')).to_have_class("canvas-pick")
    doc = definition(page)
    assert fields_of(doc, 1) == ["area"]
    assert fields_of(doc, 0) == ["agent_name", "kind", "name", "has_agent"]
    shot(page, "moved-1366")
    assert page.errors == []
    context.close()


def test_options_from_a_pasted_list(browser, live_server, world):
    context, page = open_form(browser, live_server, world.item_a)
    page.locator('.canvas-field[data-path="$.form.steps[0].fields[1]"]').click()  # 类别, a select
    before = definition(page)["form"]["steps"][0]["fields"][1]["options"]
    page.click('.properties button[data-act="paste-options"]')
    page.fill(".paste-options textarea", "1. 热食类食品制售\n\n预包装食品销售\n热食类食品制售\n")
    page.click('.properties button[data-act="paste-apply"]')
    expect(page.locator(".properties table.options tbody tr")).to_have_count(len(before) + 2)
    expect(page.locator('.canvas-field[data-path="$.form.steps[0].fields[1]"] option')).to_contain_text(["预包装食品销售"])
    shot(page, "options-pasted-1366")
    options = definition(page)["form"]["steps"][0]["fields"][1]["options"]
    assert options[len(before):] == [{"value": "reshileishipinzhishou", "label": "热食类食品制售"},
                                     {"value": "yubaozhuangshipinxiaoshou", "label": "预包装食品销售"}]
    page.locator('.properties .option-actions button').nth(3 * len(before) + 3).click()  # ↑ on the last
    assert [o["label"] for o in definition(page)["form"]["steps"][0]["fields"][1]["options"]][-2:] == ["预包装食品销售", "热食类食品制售"]
    page.click("#undo")
    page.click("#undo")  # the paste is one step
    assert definition(page)["form"]["steps"][0]["fields"][1]["options"] == before
    context.close()


def test_a_problem_opens_its_field_in_the_panel(browser, live_server, world):
    context, page = open_form(browser, live_server, world.item_a)
    page.locator('.canvas-field[data-path="$.form.steps[0].fields[2]"]').click()  # 面积
    label = page.locator('.properties input[data-path="$.form.steps[0].fields[2].label"]')
    label.fill("")
    label.press("Tab")
    problem = page.locator("#problems .problem-link").first
    expect(problem).to_contain_text("字段")
    page.locator('.canvas-field[data-path="$.form.steps[0].fields[0]"]').click()  # look elsewhere, then follow the problem
    expect(page.locator('.canvas-field[data-path="$.form.steps[0].fields[2]"] .inline-problem')).to_be_visible()
    problem.click()
    expect(page.locator('.canvas-field[data-path="$.form.steps[0].fields[2]"]')).to_have_class("canvas-field selected")
    expect(page.locator('.properties input[data-path="$.form.steps[0].fields[2].label"]')).to_be_focused()
    context.close()


def test_on_a_phone_the_settings_open_below_the_selected_field(browser, live_server, world):
    context, page = open_form(browser, live_server, world.item_a, width=390)
    expect(page.locator(".properties")).to_be_hidden()  # nothing selected: the canvas has the width
    field = page.locator('.canvas-field[data-path="$.form.steps[0].fields[2]"]')
    field.click()
    panel = page.locator(".properties")
    expect(panel).to_be_visible()
    assert panel.evaluate("(p, f) => f.nextElementSibling === p", field.element_handle())
    box, rect = field.bounding_box(), panel.bounding_box()
    assert rect["width"] > 300 and rect["y"] >= box["y"] + box["height"] - 1  # full width, right below
    label = page.locator('.properties input[data-path="$.form.steps[0].fields[2].label"]')
    label.fill("经营面积")
    label.press("Tab")
    expect(field.locator(".canvas-control label")).to_contain_text("经营面积")
    shot(page, "phone-selected-390")
    label.press("Escape")  # back to the field on the canvas, the settings close
    expect(field.locator(".canvas-pick")).to_be_focused()
    expect(panel).to_be_hidden()
    context.close()


def test_a_group_takes_dropped_types_and_orders_its_sub_fields(browser, live_server, world):
    context, page = open_form(browser, live_server, world.item_a)
    page.set_viewport_size({"width": 1366, "height": 1800})
    page.locator('.canvas-field[data-path="$.form.steps[0].fields[0]"]').click()
    page.locator(".palette-type[data-type=group]").click()  # after 姓名; its name is ready to type
    expect(page.locator('.properties input[data-path="$.form.steps[0].fields[1].label"]')).to_be_focused()
    page.keyboard.type("从业人员")
    page.keyboard.press("Tab")
    group = '$.form.steps[0].fields[1]'
    drag(page, page.locator(".palette-type[data-type=id_card]"), page.locator(f'.canvas-field[data-path="{group}"] .canvas-empty'),
         into=page.locator(f'.canvas-field[data-path="{group}"]'))
    expect(page.locator(f'.canvas-field[data-path="{group}.fields[0]"] input')).to_be_attached()
    page.locator(f'.canvas-field[data-path="{group}"] > .canvas-pick').click()
    page.locator(".palette-type[data-type=text]").click()  # a selected group takes the new field at its end
    page.locator(f'.canvas-pick[data-pick="{group}.fields[1]"]').focus()
    page.keyboard.press("Alt+ArrowUp")
    expect(page.locator(f'.canvas-pick[data-pick="{group}.fields[0]"]')).to_be_focused()
    drag(page, page.locator(".palette-type[data-type=group]"), page.locator(f'.canvas-field[data-path="{group}.fields[0]"]'))
    fields = definition(page)["form"]["steps"][0]["fields"]
    staff = [f for f in fields if f.get("label") == "从业人员"][0]
    assert [f["type"] for f in staff["fields"]] == ["text", "id_card"]  # the group dropped there went beside it
    assert [f["type"] for f in fields].count("group") == 2
    assert page.errors == []
    shot(page, "group-1366")
    context.close()
