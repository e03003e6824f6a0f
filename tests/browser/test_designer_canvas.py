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
