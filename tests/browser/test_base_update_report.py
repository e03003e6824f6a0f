"""A county admin imports the province's new version of a base item in Chromium (two instances on two
databases): the report separates the province's changes into taken / kept local / changed on both
sides, in Chinese, and saving it as a draft leaves the item's base where it was until publishing."""
import copy
import json
import os
from pathlib import Path

import pytest
from sqlalchemy import select

from builder.exchange.apply import apply_plan
from builder.exchange.bundle import read_bundle
from builder.exchange.export import export_items, select_items
from builder.exchange.plan import plan_import
from builder.item_store import latest_version, publish
from runtime.extensions import db
from runtime.models import Department, Item
from tests.exchange.two_instances import province, province_app  # noqa: F401 - fixtures
from tests.browser.conftest import sign_in
from tests.web.people import DEPT_A, build_world

ROOT = Path(__file__).resolve().parents[2]
PERMIT = json.loads((ROOT / "item_defs/construction-permit.json").read_text("utf-8"))
BASE_CODE = PERMIT["implementation"]["implementation_code"]
SHOTS = Path(os.environ.get("YIWANG_SHOTS", "/tmp/shots-h24"))


def province_exports(province, doc) -> bytes:
    with province.app_context():
        publish(copy.deepcopy(doc))
        db.session.commit()
        return export_items(select_items([BASE_CODE]), exporter="陕西省住房和城乡建设厅",
                            exported_at="2026-12-01T00:00:00+00:00")


@pytest.fixture
def v2_bundle(app, province):
    """The county (甲局) took v1 and published its own phone and fee note; the province made v2."""
    with app.app_context():
        build_world()
        county = db.session.scalar(select(Department).where(Department.code == DEPT_A))
        bundle = read_bundle(province_exports(province, PERMIT))
        entry = plan_import(bundle, department=county)[0]
        apply_plan(bundle, [entry], {entry.source_code: "replace"})
        db.session.commit()
        item = db.session.scalar(select(Item).where(Item.implementation_code == entry.target_code))
        local = copy.deepcopy(latest_version(item).definition)
        local["guide"]["consult_phone"] = "0910-6512999"
        local["guide"]["fee_note"] = "本县:配套费按县级标准征收。"
        publish(local)
        db.session.commit()
    v2 = copy.deepcopy(PERMIT)
    v2["materials"].append({**v2["materials"][1], "id": "energy_saving", "name": "节能审查意见"})
    v2["guide"]["consult_phone"] = "029-88888888"
    v2["guide"]["fee_note"] = "配套费按省级 2026 年标准征收。"
    v2["catalogue"]["legal_basis"][0]["text"] += "(2026年修订)"
    return province_exports(province, v2), entry.target_code


@pytest.mark.parametrize("width", [1366, 390])
def test_the_base_update_report_in_chromium(app, browser, live_server, v2_bundle, width):
    data, local_code = v2_bundle
    context, page = sign_in(browser, live_server, "admin_a", width)
    page.goto(f"{live_server}/builder/exchange/")
    page.set_input_files("#i-bundle", files=[{"name": "province.zip", "mimeType": "application/zip", "buffer": data}])
    page.select_option("#i-department", label="秦源县甲局")
    page.get_by_role("button", name="校验并生成导入报告").click()
    page.get_by_role("heading", name="导入报告").wait_for()
    row = page.inner_text("tbody tr")
    assert "基础事项有新版本(第 1 版 → 第 2 版)" in row
    assert "采用省级变化(2)" in row and "新增 申请材料“节能审查意见”" in row
    assert "…限额以下的小型工程除外。 → …限额以下的小型工程除外。(2026年修订)" in row
    assert "保留本地(本地实施要素)(1)" in row and "办事指南 › 咨询电话:0910-6512480 → 029-88888888" in row
    assert "双方都修改(1)" in row and "办事指南 › 收费说明:本地为“本县:配套费按县级标准征收。”" in row
    assert "$." not in row
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"report-{width}.png"), full_page=True)
    page.get_by_role("button", name="导入", exact=True).click()
    page.get_by_role("heading", name="导入完成").wait_for()
    assert "1 个基础事项的新版本已存为草稿:草稿发布后,本地事项才以新版本为基础" in page.inner_text("main")
    page.screenshot(path=str(SHOTS / f"summary-{width}.png"), full_page=True)
    with app.app_context():
        item = db.session.scalar(select(Item).where(Item.implementation_code == local_code))
        assert item.draft.pending_base["version"] == 2 and item.base_version == 1  # a draft: the base waits

    page.locator("main").get_by_role("link", name="我的事项").click()   # the admin publishes the draft
    page.get_by_role("link", name="建筑工程施工许可证核发").click()
    page.click("#publish")            # 发布… saves, then shows the changes; the admin confirms
    page.click("#publish-confirm")
    page.get_by_text("已发布第 3 版").wait_for()
    history = page.locator("#versions li").first  # newest first
    history.get_by_text("合并基础事项").wait_for()
    assert f"合并基础事项 {BASE_CODE} 第 1 版 → 第 2 版;保留本地:办事指南 › 咨询电话、办事指南 › 收费说明" \
        in history.inner_text()
    page.screenshot(path=str(SHOTS / f"history-{width}.png"), full_page=True)
    context.close()
    with app.app_context():
        item = db.session.scalar(select(Item).where(Item.implementation_code == local_code))
        assert item.base_version == 2 and item.draft.pending_base is None
