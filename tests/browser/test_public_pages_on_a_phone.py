"""Every public page of every example item, opened in Chromium on a 390 px phone, fits the screen:
no horizontal scrolling. Screenshots at 390 and 1366 px go to $YIWANG_SHOTS when it is set."""
import json
import os
from pathlib import Path

import pytest

from builder.item_store import publish
from runtime.extensions import db

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted(p.stem for p in (ROOT / "item_defs").glob("*.json"))
TABS = ("办事指南", "网上咨询", "表格下载", "网上申请", "结果反馈")


@pytest.fixture
def all_items(app):
    with app.app_context():
        ids = {stem: publish(json.loads((ROOT / "item_defs" / f"{stem}.json").read_text("utf-8"))).item.id
               for stem in EXAMPLES}
        db.session.commit()
    return ids


def _overflow(tab) -> int:
    return tab.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")


def _follow(link):
    """Click a link and wait for the new page: evaluating while the old one unloads sees no document."""
    with link.page.expect_navigation():
        link.click()


def _visit(tab, shots, name):
    for width in (390, 1366) if shots else (390,):
        tab.set_viewport_size({"width": width, "height": 844})
        if width == 390:
            assert _overflow(tab) <= 0, f"{name} ({tab.url}) is wider than a 390 px phone"
        if shots:
            tab.screenshot(path=str(Path(shots) / f"{name}-{width}.png"), full_page=True)


def test_every_public_page_fits_a_phone(browser, live_server, all_items):
    shots = os.environ.get("YIWANG_SHOTS")
    context = browser.new_context(viewport={"width": 390, "height": 844})
    tab = context.new_page()
    tab.goto(f"{live_server}/zwfw/")
    _visit(tab, shots, "catalogue")
    for stem, item_id in all_items.items():
        tab.goto(f"{live_server}/zwfw/")
        _follow(tab.get_by_role("link", name=tab.evaluate(
            f"document.querySelector('a[href$=\"/zwfw/items/{item_id}\"]').textContent")).first)
        for i, label in enumerate(TABS):
            _follow(tab.get_by_role("navigation", name="事项栏目").get_by_role("link", name=label))
            _visit(tab, shots, f"{stem}-{i}")
        _follow(tab.get_by_role("navigation", name="事项栏目").get_by_role("link", name="办事指南"))
        _follow(tab.get_by_role("link", name="我需要哪些材料?(情形引导)"))
        _visit(tab, shots, f"{stem}-scenario")
    context.close()
