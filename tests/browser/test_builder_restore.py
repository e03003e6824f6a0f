"""版本 › 恢复为草稿 in Chromium: the page's own dialog (never the browser's confirm) says what restoring
undoes; 取消 keeps the draft, 恢复为草稿 restores the version, and 撤销 brings the draft back."""
import os

import pytest
from playwright.sync_api import expect

from builder.drafts import open_draft
from runtime.extensions import db
from runtime.models import Item
from tests.browser.conftest import sign_in

SHOTS = os.environ.get("YIWANG_SHOTS")   # a folder: save screenshots there
PROMISED = 'input[data-path="$.time_limits.promised.value"]'


def saved_promised(app, item_id) -> int:
    with app.app_context():
        value = open_draft(db.session.get(Item, item_id)).definition["time_limits"]["promised"]["value"]
        db.session.rollback()
        return value


@pytest.mark.parametrize("width", [1366, 390])
def test_restoring_a_version_asks_in_the_page(browser, live_server, world, app, width):
    context, page = sign_in(browser, live_server, "admin_a", width)
    page.get_by_role("link", name="事项配置").first.click()        # from the home page, as an admin would
    page.get_by_role("link", name="甲局事项").first.click()
    expect(page.locator("#problem-count")).to_contain_text("0 个错误")
    browser_dialogs = []
    page.on("dialog", lambda d: (browser_dialogs.append(d.message), d.dismiss()))
    page.click("[data-tab=time_limits]")
    page.fill(PROMISED, "2")
    page.dispatch_event(PROMISED, "change")
    page.click("#save")
    expect(page.locator("#status")).to_have_text("草稿已保存")

    restore = page.locator("#versions li", has_text="第 1 版").get_by_role("button", name="恢复为草稿")
    dialog = page.get_by_role("dialog", name="将第 1 版恢复为草稿?")
    restore.click()
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text("草稿将回到第 1 版的内容,此后的以下 1 处修改将被撤销:")
    expect(dialog.locator("#restore-changes li")).to_have_text(["修改 办理时限 › 承诺办结时限 › 时限数值:10 → 2"])
    expect(dialog).to_contain_text("恢复只改变草稿:已发布的版本和申请人看到的内容在您再次发布之前不变")
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, f"restore-dialog-{width}.png"))
    dialog.get_by_role("button", name="取消").click()
    expect(dialog).to_be_hidden()
    expect(page.locator(PROMISED)).to_have_value("2")          # cancel keeps the draft
    assert saved_promised(app, world.item_a) == 2

    restore.click()
    dialog.get_by_role("button", name="恢复为草稿").click()
    expect(dialog).to_be_hidden()
    expect(page.locator("#status")).to_have_text("已用第 1 版恢复草稿")
    expect(page.locator(PROMISED)).to_have_value("10")         # confirm restores the version
    assert saved_promised(app, world.item_a) == 10
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, f"restore-done-{width}.png"))

    page.click("#undo")                                         # as the dialog says: 撤销 brings it back
    expect(page.locator(PROMISED)).to_have_value("2")
    assert browser_dialogs == []                                # no window.confirm any more
    context.close()
