"""The exchange page's department combobox with Chromium, at province scale (2,000 departments): found by
pinyin initials, chosen with the keyboard only, and the export of the chosen department downloads."""
import os

import pytest
from playwright.sync_api import expect

from runtime.extensions import db
from runtime.models import Department
from tests.web.people import PASSWORD

SHOTS = os.environ.get("YIWANG_SHOTS")   # a folder: save screenshots there (1366 and 390 px wide)


@pytest.mark.parametrize("width", [1366, 390])
def test_a_department_is_found_by_initials_and_chosen_with_the_keyboard(app, browser, live_server, province_departments,
                                                                        width):
    context = browser.new_context(viewport={"width": width, "height": 900}, accept_downloads=True)
    page = context.new_page()
    page.goto(f"{live_server}/login/")
    page.fill("#username", "sys")
    page.fill("#password", PASSWORD)
    page.click("input[type=submit], button[type=submit]")
    page.get_by_role("link", name="事项交换").first.click()

    into = page.get_by_role("combobox", name="导入到")
    into.press_sequentially("bhx")
    listbox = page.locator("#i-department-list")
    expect(listbox).to_be_visible()
    expect(listbox.get_by_role("option")).to_have_count(20)      # the first matches only
    expect(page.locator("[data-department-combobox] .combobox-status").first).to_contain_text("仅显示前 20 个")
    into.press("Escape")                                           # closes the list, keeps the text
    expect(listbox).to_be_hidden()
    expect(into).to_have_attribute("aria-expanded", "false")
    into.press("ArrowDown")                                        # opens it again
    expect(listbox).to_be_visible()
    into.press_sequentially("mzj")
    expect(listbox.get_by_role("option")).to_have_count(1)
    expect(listbox.get_by_role("option", name="北河县民政局")).to_be_visible()
    into.press("ArrowDown")
    expect(into).to_have_attribute("aria-activedescendant", "i-department-option-0")
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/exchange-combobox-{width}.png", full_page=True)
    into.press("Enter")
    expect(listbox).to_be_hidden()
    expect(into).to_have_value("北河县民政局")
    expect(into).to_have_attribute("aria-expanded", "false")
    chosen = page.locator("input[type=hidden][name=department]").first
    with app.app_context():
        wanted = db.session.query(Department.id).filter_by(name="北河县民政局").scalar()
    expect(chosen).to_have_value(str(wanted))
    into.press_sequentially("x")                                   # typing again forgets the choice
    expect(chosen).to_have_value("")

    export = page.get_by_role("combobox", name="办理部门")
    export.press_sequentially("qyxjj")
    expect(page.locator("#x-department-list").get_by_role("option", name="秦源县甲局")).to_be_visible()
    export.press("Enter")                                          # the first match, without arrows
    expect(export).to_have_value("秦源县甲局")
    with page.expect_download() as download:
        page.get_by_role("button", name="导出该部门的全部事项").click()
    assert download.value.suggested_filename.endswith(".zip")
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/exchange-page-{width}.png", full_page=True)
    context.close()
