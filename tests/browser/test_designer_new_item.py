"""New item from the back-office home: the catalogue combobox found by pinyin initials and chosen with
the keyboard, the department and type as selects; the editor then shows the publishing checklist
grouped by tab, which ticks entries off as they are completed."""
import os
import re

from playwright.sync_api import expect

from tests.browser.conftest import sign_in

SHOTS = os.environ.get("YIWANG_SHOTS")  # e.g. /work/shots/h18c: screenshots to look at


def shoot(page, name):
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, f"{name}-{page.viewport_size['width']}.png"), full_page=True)


def test_combobox_by_keyboard_then_checklist_ticks_off(browser, live_server, world):
    context, page = sign_in(browser, live_server, "admin_a", 1366)
    page.get_by_role("link", name="新建事项").first.click()
    box = page.get_by_role("combobox", name="目录事项")
    box.type("spjy")
    options = page.get_by_role("option")
    expect(options.first).to_contain_text("食品经营许可证核发")
    expect(box).to_have_attribute("aria-expanded", "true")
    shoot(page, "new-item-open")
    box.press("ArrowDown")
    expect(box).to_have_attribute("aria-activedescendant", "catalogue-option-0")
    box.press("Enter")
    expect(box).to_have_value("食品经营许可证核发")
    expect(box).to_have_attribute("aria-expanded", "false")
    expect(page.locator("#i-task_type")).to_have_value("01")           # 行政许可, from the entry
    expect(page.locator("#f-basic_code")).to_be_hidden()                 # the entry has its code
    expect(page.locator("#catalogue-chosen")).to_contain_text("001023040000")
    shoot(page, "new-item-chosen")
    page.get_by_role("button", name="创建草稿").click()
    expect(page).to_have_url(re.compile(r"/builder/items/\d+$"))

    title = page.locator("#checklist-title")
    expect(title).to_have_text(re.compile(r"发布前还需完善 [1-8] 项"))
    groups = page.locator("#problems .checklist-group h3")
    expect(groups.first).to_have_text("基本信息")
    summary = page.locator("#problems li.error button", has_text="事项简介")
    summary.click()                                                        # opens 办事指南 at the element
    expect(page.locator("[data-tab=guide]")).to_have_attribute("aria-selected", "true")
    focused = page.locator(":focus")
    expect(focused).to_have_attribute("data-path", "$.guide.summary")
    before = int(re.search(r"(\d+) 项", title.inner_text()).group(1))
    focused.fill("从事食品销售和餐饮服务的,应当依法取得食品经营许可。")
    focused.press("Tab")
    expect(page.locator("#problems li.done", has_text="事项简介")).to_be_visible()  # ticked off, not gone
    expect(title).to_have_text(f"发布前还需完善 {before - 1} 项")
    shoot(page, "editor-checklist")
    context.close()


def test_new_item_page_on_a_phone(browser, live_server, world):
    context, page = sign_in(browser, live_server, "admin_a", 390)
    page.goto(f"{live_server}/builder/new")
    box = page.get_by_role("combobox", name="目录事项")
    box.type("卫生")
    expect(page.get_by_role("option").first).to_be_visible()
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 390, width                                            # no sideways scrolling
    shoot(page, "new-item-open")
    page.get_by_role("option", name=re.compile("公共场所卫生许可证核发")).click()
    expect(box).to_have_value("公共场所卫生许可证核发")
    page.get_by_role("button", name="创建草稿").click()
    expect(page.locator("#checklist-title")).to_contain_text("发布前还需完善")
    shoot(page, "editor-checklist")
    context.close()
