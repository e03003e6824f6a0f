"""The designer never loses work: edits autosave, leaving with unsaved edits asks first, 发布 saves
the page before it publishes (and shows the changes against the live version), undo/redo walk
through the session's edits, and the header follows a publication without a reload."""
import pytest
from playwright.sync_api import expect

from builder.drafts import open_draft
from runtime.extensions import db
from runtime.models import Item, ItemVersion
from tests.browser.conftest import open_editor, sign_in

PROMISED = 'input[data-path="$.time_limits.promised.value"]'


@pytest.fixture
def editor(browser, live_server, world):
    context, page = open_editor(browser, live_server, world.item_a)
    page.click("[data-tab=time_limits]")
    yield page
    context.close()


def draft_of(app, item_id):
    with app.app_context():
        return open_draft(db.session.get(Item, item_id)).definition


def test_leaving_with_unsaved_edits_asks_and_autosave_keeps_them(editor, app, world):
    dialogs = []
    editor.on("dialog", lambda d: (dialogs.append(d.type), d.dismiss()))
    editor.locator(PROMISED).fill("3")  # typed, not yet left: only the page knows it
    assert editor.get_attribute("#save-state", "data-state") == "dirty"
    editor.close(run_before_unload=True)
    editor.wait_for_timeout(300)
    assert dialogs == ["beforeunload"] and not editor.is_closed()

    # Without leaving the field, the autosave commits the typed value and saves it.
    editor.wait_for_selector("#save-state[data-state=saved]:has-text('所有修改已于')")
    assert draft_of(app, world.item_a)["time_limits"]["promised"]["value"] == 3
    with editor.expect_event("close", timeout=5000):  # no second question: nothing is left unsaved
        editor.close(run_before_unload=True)
    assert dialogs == ["beforeunload"]


def test_publish_saves_first_then_confirms_with_the_changes(editor, app, world):
    box = editor.locator(PROMISED)
    box.fill("2")
    editor.click("#publish")  # straight from the field: no save click, no autosave wait
    editor.wait_for_selector("#publish-dialog[open]")
    assert "与线上第 1 版相比有 1 处修改" in editor.inner_text("#publish-summary")
    assert "承诺办结时限 › 时限数值:10 → 2" in editor.inner_text("#publish-changes")
    editor.fill("#publish-note", "缩短承诺时限")
    editor.click("#publish-confirm")
    editor.wait_for_selector("#status:has-text('已发布第 2 版')")
    assert editor.inner_text("#current-version") == "当前版本 第 2 版"  # header updated in place
    editor.wait_for_selector("#versions li:has-text('第 2 版')")
    with app.app_context():
        version = db.session.query(ItemVersion).filter_by(item_id=world.item_a, number=2).one()
        assert version.definition["time_limits"]["promised"]["value"] == 2 and version.note == "缩短承诺时限"

    editor.click("#publish")  # nothing new: the dialog says so and offers no publish button
    editor.wait_for_selector("#publish-dialog[open]")
    assert "没有需要发布的修改" in editor.inner_text("#publish-summary")
    assert editor.is_hidden("#publish-confirm")
    editor.click("#publish-cancel")
    assert editor.is_hidden("#publish-dialog")


def test_cancelled_publish_publishes_nothing_but_keeps_the_save(editor, app, world):
    editor.locator(PROMISED).fill("4")
    editor.click("#publish")
    editor.wait_for_selector("#publish-dialog[open]")
    editor.click("#publish-cancel")
    assert editor.inner_text("#current-version") == "当前版本 第 1 版"
    with app.app_context():
        assert db.session.query(ItemVersion).filter_by(item_id=world.item_a).count() == 1
    assert draft_of(app, world.item_a)["time_limits"]["promised"]["value"] == 4


def test_undo_and_redo_walk_through_the_edits(editor, app, world):
    box = editor.locator(PROMISED)
    box.fill("3")
    box.dispatch_event("change")
    box.fill("4")
    box.dispatch_event("change")
    editor.wait_for_selector("#save-state[data-state=saved]:has-text('所有修改已于')")
    editor.click("#undo")
    assert editor.input_value(PROMISED) == "3"
    editor.click("#undo")
    assert editor.input_value(PROMISED) == "10" and editor.is_disabled("#undo")
    editor.locator("h1").click()
    editor.keyboard.press("Control+y")  # keyboard outside a text field: the designer's redo
    assert editor.input_value(PROMISED) == "3"
    editor.wait_for_selector("#save-state[data-state=saved]:has-text('所有修改已于')")
    assert draft_of(app, world.item_a)["time_limits"]["promised"]["value"] == 3  # the undo is saved too


def test_save_publish_and_tabs_wait_for_the_editor_script(browser, live_server, world):
    """A click on 保存草稿 or 发布… before the editor's script has run did nothing at all (a quick click
    right after opening the item), and a tab chosen before the schema arrived was drawn without it: the
    buttons and tabs stay disabled until the script takes them over."""
    context, page = sign_in(browser, live_server, "admin_a")
    held = []
    page.route("**/js/builder-editor.js*", lambda route: held.append(route))  # held back until released below
    with page.expect_request("**/js/builder-editor.js*"):
        page.goto(f"{live_server}/builder/items/{world.item_a}", wait_until="commit")
    expect(page.locator("#save")).to_be_disabled()
    expect(page.locator("#publish")).to_be_disabled()
    expect(page.locator("[data-tab=guide]")).to_be_disabled()
    expect(page.locator("#sections")).to_have_text("正在载入事项…")  # not a blank page while it loads
    held[0].continue_()
    expect(page.locator("#save")).to_be_enabled()
    expect(page.locator("#sections")).not_to_contain_text("正在载入事项…")
    page.click("[data-tab=guide]")
    expect(page.locator('input[data-path="$.guide.consult_phone"]')).to_be_visible()
    expect(page.locator("#publish")).to_be_enabled()  # the draft has no errors: 发布 is offered
    page.click("#publish")
    expect(page.locator("#publish-dialog")).to_be_visible()
    context.close()


def test_a_draft_that_does_not_arrive_is_reported_not_left_loading(browser, live_server, world):
    """Offline or signed out while the designer opens: the author is told to reload, instead of a page
    that says 正在载入 forever with every tab disabled."""
    context, page = sign_in(browser, live_server, "admin_a")
    page.route("**/items/*/draft", lambda route: route.abort())
    page.goto(f"{live_server}/builder/items/{world.item_a}")
    expect(page.locator("#status")).to_have_text("事项未能载入。请检查网络连接,然后刷新页面。")
    expect(page.locator("#sections")).not_to_contain_text("正在载入事项…")
    expect(page.locator("[data-tab=guide]")).to_be_disabled()
    expect(page.locator("#save")).to_be_disabled()
    expect(page.locator("#save-state")).to_be_hidden()  # not 所有修改已保存 beside the failure
    context.close()
