"""Scale and fidelity: the 322-field synthetic item opens as an outline (its form tab builds a few dozen
controls, not tens of thousands) and stays editable; opening every tab of an example and saving leaves
its definition exactly as it was."""
import json
import time
from pathlib import Path

import pytest

from builder.drafts import open_draft
from builder.item_store import latest_version, publish
from runtime.extensions import db
from runtime.models import Item
from tests.web.people import PASSWORD, build_world

ROOT = Path(__file__).resolve().parents[2]
TABS = ["basics", "guide", "form", "materials", "rules", "fees", "time_limits", "process", "documents", "json"]


@pytest.fixture
def world(app):
    with app.app_context():
        built = build_world()
        for name in ("synthetic/large-synthetic", "individual-business-registration"):
            doc = json.loads((ROOT / "item_defs" / f"{name}.json").read_text("utf-8"))
            setattr(built, name.split("/")[-1].replace("-", "_"), publish(doc).item.id)
        db.session.commit()
        return built


def open_editor(browser, live_server, item_id):
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    page.goto(f"{live_server}/login/")
    page.fill("#username", "sys")
    page.fill("#password", PASSWORD)
    page.click("input[type=submit], button[type=submit]")
    page.goto(f"{live_server}/builder/items/{item_id}")
    page.wait_for_selector("#problem-count:has-text('0 个错误')")
    return context, page


def test_the_large_item_opens_as_an_outline(browser, live_server, world):
    context, page = open_editor(browser, live_server, world.large_synthetic)
    started = time.monotonic()
    page.click("[data-tab=form]")
    page.wait_for_selector('[data-path="$.form.steps[11]"] .entry-toggle')
    opened = time.monotonic() - started
    assert page.locator("#sections input, #sections select, #sections textarea").count() < 50
    assert opened < 3, opened  # about 0.2 s measured; the goal is 1 s
    page.locator('[data-path="$.form.steps[0]"] > .entry-bar > .entry-toggle').click()
    page.locator('[data-path="$.form.steps[0].fields[0]"] > .entry-bar > .entry-toggle').click()
    label = page.locator('input[data-path="$.form.steps[0].fields[0].label"]')
    label.fill("申请人全称")
    label.dispatch_event("change")
    page.wait_for_selector("#save-state[data-state=saved]:has-text('所有修改已于')")
    context.close()


def test_opening_every_tab_and_saving_changes_nothing(browser, live_server, world, app):
    context, page = open_editor(browser, live_server, world.individual_business_registration)
    for tab in TABS:
        page.click(f"[data-tab={tab}]")
    page.click("#save")
    page.wait_for_selector("#status:has-text('草稿已保存')")
    assert page.get_attribute("#save-state", "data-state") == "saved"
    with app.app_context():
        item = db.session.get(Item, world.individual_business_registration)
        draft, version = open_draft(item), latest_version(item)
        assert json.dumps(draft.definition, ensure_ascii=False) == json.dumps(version.definition, ensure_ascii=False)
        assert draft.lock_version == 1  # never written
    context.close()
