"""Every state of the designer at a desktop and a phone width, reached as a department admin would reach it
(login page → 事项配置 → the item): each tab, a selected field, the material library, the version list, the
publish dialog and a conflicting save. Screenshots go to $YIWANG_SHOTS when set (to be looked at); the test
checks what a screenshot would show: no script error, nothing wider than the screen, each tab's content."""
import os

import pytest
from playwright.sync_api import expect

from tests.web.people import PASSWORD

SHOTS = os.environ.get("YIWANG_SHOTS")
TABS = ["basics", "guide", "form", "materials", "rules", "fees", "time_limits", "process", "documents"]


def snap(page, name, width, at=None):
    """What the admin sees (the screen, not the whole page: the toolbar is sticky), from `at` or the top."""
    if at:
        page.locator(at).first.scroll_into_view_if_needed()
    else:
        page.evaluate("() => window.scrollTo(0, 0)")
    page.wait_for_timeout(100)  # the layout has settled after the click
    overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1, f"{name} at {width} px is {overflow} px wider than the screen"
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/walk-{name}-{width}.png")


def sign_in(browser, live_server, username, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    page.on("response", lambda r: page.errors.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    page.goto(f"{live_server}/login/")
    page.fill("#username", username)
    page.fill("#password", PASSWORD)
    page.click("input[type=submit], button[type=submit]")
    return context, page


def open_item(page):
    nav = page.get_by_role("navigation", name="后台管理")
    if not nav.get_by_role("link", name="事项配置").is_visible():  # a phone folds the menu
        page.locator("header button[aria-controls], header summary").first.click()
    nav.get_by_role("link", name="事项配置").click()
    page.get_by_role("link", name="甲局事项").first.click()
    expect(page.locator("#problem-count")).to_contain_text("0 个错误")


@pytest.mark.parametrize("width", [1366, 390])
def test_every_designer_state(browser, live_server, world, width):
    context, page = sign_in(browser, live_server, "admin_a", width)
    open_item(page)
    for tab in TABS:
        page.click(f"[data-tab={tab}]")
        expect(page.locator(f"[data-tab={tab}]")).to_have_attribute("aria-selected", "true")
        expect(page.locator("#sections *").first).to_be_attached()
        if tab in ("fees", "process", "documents"):  # tabs that start empty say what they are for
            expect(page.locator("#sections .section-intro")).to_be_visible()
        if tab == "form":
            expect(page.locator(".canvas-field").first).to_be_visible()
            page.locator('.canvas-field[data-path="$.form.steps[0].fields[1]"]').click()
            expect(page.locator(".properties h3")).to_contain_text("下拉选择")
        if tab == "materials":
            snap(page, tab, width)
            page.click("#library-open")
            page.locator("#material-library input").first.fill("yyzz")
            expect(page.locator("#material-library")).to_contain_text("营业执照")
            expect(page.locator("#status")).not_to_contain_text("未保存")  # a search is not an edit
            snap(page, "materials-library", width, "#material-library")
            continue
        if tab == "form":
            snap(page, "form-selected", width, ".properties")
        snap(page, tab, width)
    snap(page, "versions", width, "#versions")

    page.click("[data-tab=basics]")
    name = page.locator('input[data-path="$.catalogue.name"], input[data-path="$.implementation.name"]').first
    name.fill(name.input_value() + "(试行)")
    name.dispatch_event("change")
    page.click("#publish")
    expect(page.locator("dialog[open]")).to_be_visible()
    snap(page, "publish-dialog", width, "dialog[open]")
    page.click("#publish-cancel")

    other_ctx, other = sign_in(browser, live_server, "sys", 1366)  # another admin saves in between
    other.goto(page.url)
    expect(other.locator("#problem-count")).to_contain_text("0 个错误")
    other.click("[data-tab=time_limits]")
    box = other.locator('input[data-path="$.time_limits.promised.value"]')
    box.fill("4")
    box.dispatch_event("change")
    other.click("#save")
    expect(other.locator("#status")).to_contain_text("草稿已保存")
    other_ctx.close()
    page.click("[data-tab=guide]")
    window = page.locator('input[data-path="$.guide.locations[0].name"]')
    window.fill("改名的窗口")
    window.dispatch_event("change")
    page.click("#save")
    expect(page.locator("#conflict-dialog")).to_be_visible()  # what they changed: merge, load theirs, or later
    snap(page, "conflict-dialog", width, "#conflict-dialog")
    page.click("#conflict-later")
    expect(page.locator("#save-state")).to_contain_text("未保存")  # paused until 保存草稿, which asks again
    snap(page, "conflict", width, "#status")
    page.click("#save")
    expect(page.locator("#conflict-dialog")).to_be_visible()
    page.click("#conflict-merge")
    expect(page.locator("#status")).to_contain_text("合并")
    assert [e for e in page.errors if not e.startswith("409 ")] == []  # the conflicting save is the 409
    context.close()
