"""Scale and fidelity: the 322-field synthetic item opens on the designer canvas (every field drawn, the
properties panel builds only the selected one) and stays editable; opening every tab of an example and saving leaves
its definition exactly as it was."""
import json
from pathlib import Path

import pytest
from playwright.sync_api import expect

from builder.drafts import open_draft
from builder.item_store import latest_version, publish
from runtime.extensions import db
from runtime.models import Item
from tests.browser.conftest import open_editor
from tests.web.people import build_world

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


def test_the_large_item_opens_on_the_canvas(browser, live_server, world):
    context, page = open_editor(browser, live_server, world.large_synthetic, username="sys")
    page.click("[data-tab=form]")  # every field drawn (bench/bench_designer_open.py times it)
    total = page.evaluate("() => JSON.parse(document.getElementById('json').value).form.steps"
                          ".reduce((n, s) => n + s.fields.length + s.fields.reduce((m, f) => m + (f.fields || []).length, 0), 0)")
    expect(page.locator(".canvas-field")).to_have_count(total)
    expect(page.locator(".canvas-field .canvas-control:empty")).to_have_count(0)
    # the panel builds one element's controls, not the whole form's
    assert page.locator(".properties input, .properties select, .properties textarea").count() == 0
    page.locator('.canvas-field[data-path="$.form.steps[0].fields[0]"]').click()
    assert page.locator(".properties input, .properties select, .properties textarea").count() < 50
    label = page.locator('.properties input[data-path="$.form.steps[0].fields[0].label"]')
    label.fill("申请人全称")
    label.dispatch_event("change")
    expect(page.locator('.canvas-field[data-path="$.form.steps[0].fields[0]"] .canvas-control')).to_contain_text("申请人全称")
    page.wait_for_selector("#save-state[data-state=saved]:has-text('所有修改已于')")
    context.close()


def test_opening_every_tab_and_saving_changes_nothing(browser, live_server, world, app):
    context, page = open_editor(browser, live_server, world.individual_business_registration,
                                username="sys")
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
