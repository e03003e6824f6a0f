"""The materials tab: a table with row editing, the material library, 容缺后补 with a condition, reordering
from the keyboard, and problems that click through to the row's setting."""
import json
import os
from pathlib import Path

from playwright.sync_api import expect

from tests.browser.conftest import open_editor
from tests.browser.test_designer_canvas import drag

SHOTS = Path(os.environ.get("YIWANG_SHOTS", "/work/shots/h18b"))


def definition(page):
    page.click("[data-tab=json]")
    doc = json.loads(page.input_value("#json"))
    page.click("[data-tab=materials]")
    return doc


def row(page, i):
    return page.locator(f"table.materials tbody tr[data-row='{i}']")


def test_add_from_the_library_and_edit_a_row(browser, live_server, world):
    context, page = open_editor(browser, live_server, world.item_a)
    page.click("[data-tab=materials]")
    expect(row(page, 1)).to_contain_text("乙类证明")
    expect(row(page, 1).locator("td.when")).to_have_text("当“类别”等于“乙类”时")
    expect(row(page, 3).locator("td.necessity")).to_have_text("容缺后补\n5 个工作日内补交")

    # 从材料库添加: searchable by pinyin initials; the row is filled with its type, copies and source
    page.click("#library-open")
    page.fill("#material-library input[type=search]", "yyzz")
    expect(page.locator("#material-library .library-pick")).to_have_count(1)
    page.locator("#material-library .library-pick").first.click()
    new = row(page, 4)
    expect(new).to_contain_text("营业执照")
    expect(new).to_contain_text("复印件 1 份")
    expect(new).to_contain_text("电子证照:营业执照")
    expect(page.locator('#material-detail input[data-path="$.materials[4].source.licence_type"]')).to_have_value("营业执照")
    expect(page.locator('#material-detail input[data-path="$.materials[4].id"]')).to_have_value("yingyezhizhao")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "materials-library-1366.png"), full_page=True)

    # edit another row: copies follow the type; 容缺后补 asks for its days; a condition in words
    row(page, 1).locator("td").nth(1).click()
    detail = page.locator("#material-detail")
    expect(detail.locator("h3")).to_have_text("材料 2:乙类证明")
    detail.locator('select[data-path="$.materials[1].kind"]').select_option(label="原件和复印件")
    expect(row(page, 1).locator("td.copies")).to_have_text("原件 1 份\n复印件 1 份")
    detail.locator('select[data-path="$.materials[1].necessity"]').select_option(label="容缺后补")
    days = page.locator('input[data-path="$.materials[1].supplement_days"]')
    expect(days).to_be_focused()
    days.fill("10")
    days.press("Tab")
    expect(row(page, 1).locator("td.necessity")).to_have_text("容缺后补\n10 个工作日内补交")
    condition = page.locator('div.prop[data-path="$.materials[1].required_if"] .condition-row').first
    condition.locator("select").nth(2).select_option(label="甲类")
    expect(row(page, 1).locator("td.when")).to_have_text("当“类别”等于“甲类”时")
    page.screenshot(path=str(SHOTS / "materials-row-1366.png"), full_page=True)

    doc = definition(page)
    proof = doc["materials"][1]
    assert proof["kind"] == "original_and_copy" and proof["copies"] == {"original": 1, "copy": 1}
    assert proof["necessity"] == "tolerated" and proof["supplement_days"] == 10
    assert proof["required_if"] == {"==": [{"var": "answers.kind"}, "a"]}
    licence = doc["materials"][4]
    assert licence["id"] == "yingyezhizhao" and licence["source"]["channel"] == "government"
    context.close()


def test_a_condition_for_a_material_needed_by_every_applicant(browser, live_server, world):
    context, page = open_editor(browser, live_server, world.item_a)
    page.click("[data-tab=materials]")
    expect(row(page, 0).locator("td.when")).to_have_text("所有申请人")
    row(page, 0).locator(".entry-toggle").click()
    page.locator("#material-detail button", has_text="添加适用条件").click()
    line = page.locator('div.prop[data-path="$.materials[0].required_if"] .condition-row').first
    expect(line.locator("select").first).to_be_focused()
    line.locator("select").first.select_option(label="是否委托代理人")
    line = page.locator('div.prop[data-path="$.materials[0].required_if"] .condition-row').first
    line.locator("select").nth(2).select_option(label="是")
    expect(row(page, 0).locator("td.when")).to_have_text("当“是否委托代理人”等于“是”时")
    assert definition(page)["materials"][0]["required_if"] == {"==": [{"var": "answers.has_agent"}, True]}
    context.close()


def test_reorder_and_remove_from_the_keyboard(browser, live_server, world):
    context, page = open_editor(browser, live_server, world.item_a)
    page.click("[data-tab=materials]")
    page.locator("[data-move='0:1']").focus()
    page.keyboard.press("Enter")  # 下移 the first row; the focus follows it
    expect(row(page, 1)).to_contain_text("申请表")
    page.keyboard.press("Enter")
    expect(row(page, 2)).to_contain_text("申请表")
    assert [m["id"] for m in definition(page)["materials"]] == ["b_proof", "id_proof", "form_doc", "site_photo"]
    drag(page, row(page, 3).locator(".drag-handle"), row(page, 0), 0.2)  # 现场照片 dragged to the top
    expect(row(page, 0)).to_contain_text("现场照片")
    assert [m["id"] for m in definition(page)["materials"]] == ["site_photo", "b_proof", "id_proof", "form_doc"]
    drag(page, row(page, 0).locator(".drag-handle"), row(page, 2), 0.8)  # and down again, one undo step
    expect(row(page, 2)).to_contain_text("现场照片")
    page.click("#undo")
    expect(row(page, 0)).to_contain_text("现场照片")
    row(page, 2).locator("button", has_text="删除").click()
    expect(page.locator("table.materials tbody tr")).to_have_count(3)
    page.click("#undo")
    expect(page.locator("table.materials tbody tr")).to_have_count(4)
    context.close()


def test_a_problem_opens_its_row(browser, live_server, world):
    context, page = open_editor(browser, live_server, world.item_a)
    page.click("[data-tab=materials]")
    row(page, 2).click()
    standard = page.locator('[data-path="$.materials[2].acceptance_standard"]').last
    standard.fill("")
    standard.dispatch_event("change")
    row(page, 0).click()  # another material is open when the author follows the problem
    expect(row(page, 2).locator("td.name .inline-problem")).to_contain_text("缺少受理标准")  # shown in its row
    page.click("[data-tab=basics]")
    page.locator("#problems li button", has_text="材料“身份证”:缺少受理标准").click()
    expect(page.locator("#material-detail h3")).to_have_text("材料 3:身份证")
    focused = page.evaluate("() => document.activeElement.getAttribute('data-path')")
    assert focused == "$.materials[2].acceptance_standard"
    context.close()


def test_screenshots_at_phone_width(browser, live_server, world):
    context, page = open_editor(browser, live_server, world.item_a, width=390)
    page.click("[data-tab=materials]")
    row(page, 3).locator(".entry-toggle").click()
    expect(page.locator("#material-detail")).to_be_visible()
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "materials-390.png"), full_page=True)
    page.click("#library-open")
    page.fill("#material-library input[type=search]", "身份")
    expect(page.locator("#material-library .library-pick").first).to_contain_text("居民身份证")
    page.locator("#material-library").screenshot(path=str(SHOTS / "materials-library-390.png"))
    context.close()


def test_opening_every_row_and_fee_of_examples_changes_nothing(browser, live_server, world, app):
    """Examples with conditions, 容缺 and fee formulas: looking at every row and every fee writes nothing."""
    from builder.drafts import open_draft
    from builder.item_store import latest_version, publish
    from runtime.extensions import db
    from runtime.models import Item
    from tests.web.people import PASSWORD
    root = Path(__file__).resolve().parents[2]
    with app.app_context():
        ids = [publish(json.loads((root / "item_defs" / f"{stem}.json").read_text("utf-8"))).item.id
               for stem in ("construction-permit", "public-place-hygiene-licence")]
        db.session.commit()
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    page.goto(f"{live_server}/login/")
    page.fill("#username", "sys")  # the examples belong to other departments
    page.fill("#password", PASSWORD)
    page.click("input[type=submit], button[type=submit]")
    for item_id in ids:
        page.goto(f"{live_server}/builder/items/{item_id}")
        page.wait_for_selector("#problem-count:has-text('0 个错误')")
        page.click("[data-tab=materials]")
        for i in range(page.locator("table.materials tbody tr").count()):
            row(page, i).locator(".entry-toggle").click()
            expect(page.locator("#material-detail h3")).to_contain_text(f"材料 {i + 1}")
        page.click("[data-tab=fees]")
        if item_id == ids[0]:  # 城市基础设施配套费: area × 80 元 opens in the formula builder
            expect(page.locator(".fee-sentence").first).to_have_text("按“建筑面积”× 80.00 元计算")
        page.click("[data-tab=rules]")
        page.click("#save")
        page.wait_for_selector("#status:has-text('草稿已保存')")
        with app.app_context():
            item = db.session.get(Item, item_id)
            draft, version = open_draft(item), latest_version(item)
            assert json.dumps(draft.definition, ensure_ascii=False) == json.dumps(version.definition, ensure_ascii=False)
            assert draft.lock_version == 1  # never written
    context.close()
