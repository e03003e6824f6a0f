"""试填 in the editor: the author fills the draft's form, ticks materials as provided, and the materials,
findings and one-time notice follow at once — also an edit to the definition not yet saved."""
import os

from playwright.sync_api import expect

from tests.browser.conftest import open_editor

SHOTS = os.environ.get("YIWANG_SHOTS")


def test_tryout_follows_answers_ticks_and_edits(browser, live_server, world):
    for width in (1366, 390):
        context, page = open_editor(browser, live_server, world.item_a, width=width)
        page.get_by_text("试填", exact=True).click()
        panel = page.locator("#tryout")
        notice = panel.locator(".try-notice")
        expect(panel.get_by_label("类别")).to_be_visible()
        expect(notice).to_contain_text("申请表")
        expect(panel.locator(".try-materials")).not_to_contain_text("乙类证明")
        expect(panel.get_by_label("代理人姓名")).to_be_hidden()

        panel.get_by_label("类别").select_option(label="乙类")        # a condition brings a material in
        expect(panel.locator(".try-materials")).to_contain_text("乙类证明")
        panel.get_by_label("面积").fill("600")                         # a rule speaks
        expect(notice).to_contain_text("面积 600 超过 500")
        panel.get_by_label("是", exact=True).check()                   # a field shows
        expect(panel.get_by_label("代理人姓名")).to_be_visible()

        tick = panel.get_by_label("申请表")
        tick.check()                                                   # provided: off the notice
        expect(notice).not_to_contain_text("申请表")
        expect(panel.get_by_label("申请表")).to_be_checked()
        expect(panel.get_by_label("申请表")).to_be_focused()           # the re-rendered tick keeps the focus
        expect(panel.locator("#tryout-outcome")).to_contain_text("需补正")
        if SHOTS:
            page.screenshot(path=os.path.join(SHOTS, f"tryout-{width}.png"), full_page=True)

        page.click("[data-tab=materials]")                              # an unsaved edit is tried at once
        page.locator("table.materials tbody tr[data-row='1'] td").nth(1).click()
        name = page.locator('#material-detail input[data-path="$.materials[1].name"]')
        name.fill("乙类资质证明")
        name.dispatch_event("change")
        expect(panel.locator(".try-materials")).to_contain_text("乙类资质证明")
        expect(panel.get_by_label("类别")).to_have_value("b")           # answers kept across the re-render
        if SHOTS:
            page.click("[data-tab=form]")
            expect(page.locator(".canvas-field").first).to_be_visible()
            page.screenshot(path=os.path.join(SHOTS, f"tryout-form-tab-{width}.png"), full_page=True)
        context.close()
