"""A citizen narrows a province's catalogue to their county by clicking through the regions, pages through
its items, searches within it, finds a department by name and pages on, on a desktop and on a 390 px phone.
Screenshots at both widths go to $YIWANG_SHOTS when it is set."""
import json
import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from builder.item_store import publish
from runtime.extensions import db
from tests.portal.conftest import EXAMPLE
from tests.portal.province import build_province


@pytest.fixture
def province(app):
    """The test province (tests/portal/province.py) and one real published item in 三原县, whose guide opens."""
    with app.app_context():
        build_province()
        item = publish(json.loads(EXAMPLE.read_text("utf-8"))).item
        item.department.region_code = "610422"
        db.session.commit()
        name = item.name
    return name


def _fits(tab) -> None:
    if tab.viewport_size["width"] == 390:
        assert tab.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0, \
            f"{tab.url} is wider than a 390 px phone"


def _shot(tab, name: str) -> None:
    _fits(tab)
    shots = os.environ.get("YIWANG_SHOTS")
    if shots:
        tab.screenshot(path=str(Path(shots) / f"catalogue-{name}-{tab.viewport_size['width']}.png"), full_page=True)


def _rows(tab):
    return tab.get_by_role("region", name="事项").locator("tbody tr")


@pytest.mark.parametrize("width", [1366, 390])
def test_a_citizen_narrows_the_catalogue_to_a_county_and_pages_through_it(browser, live_server, province, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    tab = context.new_page()
    items = tab.get_by_role("region", name="事项")
    departments = tab.get_by_role("navigation", name="分类浏览")
    tab.goto(f"{live_server}/zwfw/")
    expect(items).to_contain_text("共找到 56 个事项。")
    _shot(tab, "province")

    departments.get_by_role("link", name="咸阳市", exact=True).click()
    expect(items).to_contain_text("咸阳市：共找到 45 个事项。")
    departments.get_by_role("link", name="三原县", exact=True).click()
    expect(items).to_contain_text("三原县：共找到 26 个事项。")
    expect(_rows(tab)).to_have_count(20)
    expect(departments.get_by_role("link", name="秦源县市场监督管理局 (1)")).to_be_visible()
    _shot(tab, "county")

    tab.get_by_role("link", name="下一页").click()
    expect(items).to_contain_text("第 2 页 共 2 页")
    expect(_rows(tab)).to_have_count(6)
    for text in _rows(tab).locator("td:nth-child(3)").all_inner_texts():   # every item is one of the county's
        assert text.startswith("三原县") or text == "秦源县市场监督管理局", text
    assert "region=610422" in tab.url
    _shot(tab, "county-page-2")

    departments.get_by_role("link", name=re.compile(r"^公共服务事项")).click()
    expect(items).to_contain_text("三原县：共找到 12 个事项。")
    tab.get_by_label("按事项名称、编码或关键词搜索").fill("个体工商户")     # a search within the county
    tab.get_by_role("button", name="搜索").click()
    expect(items).to_contain_text("三原县：共找到 0 个事项。")            # of the type chosen: none
    departments.get_by_role("link", name="全部类型").click()
    expect(items).to_contain_text("三原县：共找到 1 个事项。")
    items.get_by_role("link", name=province).first.click()
    expect(tab.get_by_role("heading", name=province)).to_be_visible()
    context.close()


@pytest.mark.parametrize("width", [1366, 390])
def test_a_department_search_and_an_empty_region_page_on(browser, live_server, province, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    tab = context.new_page()
    items = tab.get_by_role("region", name="事项")
    departments = tab.get_by_role("navigation", name="分类浏览")
    tab.goto(f"{live_server}/zwfw/")
    tab.get_by_label("查找部门").fill("三原县部门")
    tab.get_by_role("button", name="查找").click()
    expect(departments).to_contain_text("共找到 25 个部门。")
    tab.get_by_role("link", name="下一页").click()
    expect(items).to_contain_text("第 2 页 共 3 页")
    expect(departments).to_contain_text("共找到 25 个部门。")            # the department search stays on page 2
    expect(tab.get_by_label("查找部门")).to_have_value("三原县部门")
    _shot(tab, "department-search-page-2")

    tab.goto(f"{live_server}/zwfw/?region=610423")                        # 泾阳县: no department publishes there
    expect(items).to_contain_text("泾阳县暂无公开的事项。")
    expect(tab.locator("p.trail")).to_contain_text("全部地区 › 陕西省 › 咸阳市 › 泾阳县")
    _shot(tab, "empty-region")
    items.get_by_role("link", name="查看全部地区的事项").click()
    expect(items).to_contain_text("共找到 56 个事项。")
    context.close()
