"""The applicant's path in Chromium, clicked from the service column's home page: search by a word
people use, the guide, the scenario guide whose 网上申请 keeps the answers, prefill, the check-your-answers
page with 修改, submit, and the done page offering no document of an act that did not happen. $YIWANG_SHOTS saves screenshots."""
import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.applicant_steps import start

PDF = Path(__file__).resolve().parents[1] / "fixtures" / "files" / "scan.pdf"


@pytest.mark.parametrize("width", [390, 1366])
def test_from_search_to_the_receipt(browser, live_server, items, width):
    shots = os.environ.get("YIWANG_SHOTS")
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()

    def shot(name):
        if shots:
            page.screenshot(path=str(Path(shots) / f"path-{name}-{width}.png"), full_page=True)

    page.goto(f"{live_server}/zwfw/")
    page.locator("input[name=q]").fill("餐饮")
    page.locator("input[name=q]").press("Enter")
    shot("search")
    page.get_by_role("link", name="个体工商户登记").first.click()
    expect(page.get_by_role("heading", name="受理条件")).to_be_visible()
    shot("guide")
    page.get_by_role("link", name="我需要哪些材料?(情形引导)").click()
    page.get_by_label("家庭经营").check()
    page.get_by_role("button", name="生成我的材料清单").click()
    expect(page.locator(".checklist")).to_contain_text("可容缺受理")
    shot("scenario")
    page.locator(".checklist").get_by_role("link", name="网上申请").click()
    start(page)
    # prefilled from the applicant page, and the scenario's answer came along
    assert page.get_by_label("经营者姓名").input_value() == "张三"
    assert page.get_by_label("家庭经营").is_checked()
    shot("step-prefilled")
    page.get_by_role("link", name="上传材料").click()
    section = page.locator("[data-material=application_form]")
    section.locator("input[type=file]").set_input_files(str(PDF))
    section.get_by_role("button", name="上传").click()
    page.get_by_role("link", name="核对提交").click()
    answers = page.locator("section.answers")
    assert "张三" in answers.first.inner_text() and "scan.pdf" in page.locator("main").inner_text()
    shot("review")
    page.get_by_role("link", name="修改 经营者信息").click()
    page.get_by_label("个人经营").check()
    page.locator("[name=by_agent][value=false]").check()
    page.get_by_role("button", name="保存并继续").click()
    expect(page.get_by_role("heading", name="核对提交")).to_be_visible()   # 修改 comes back here
    assert "个人经营" in page.locator("section.answers").nth(1).inner_text()
    page.get_by_role("button", name="提交申请").click()
    main = page.locator("main").inner_text()   # the business page was left empty: corrections needed
    assert "下载一次性告知书(PDF)" in main and "受理回执" not in main and "承诺办结日期" not in main
    shot("done")
    context.close()


def test_the_applicants_sign_in_page(browser, live_server):
    shots = os.environ.get("YIWANG_SHOTS")
    for width in (390, 1366):
        context = browser.new_context(viewport={"width": width, "height": 900})
        page = context.new_page()
        page.goto(f"{live_server}/zwfw/")
        page.get_by_role("link", name="登录").click()
        expect(page.get_by_role("heading", name="登录政务服务专栏")).to_be_visible()
        page.get_by_label("账号").fill("nobody")
        page.get_by_label("密码").fill("wrong")
        page.get_by_role("button", name="登录").click()
        expect(page.locator("main")).to_contain_text("账号或密码不正确")
        assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
        if shots:
            page.screenshot(path=str(Path(shots) / f"sign-in-{width}.png"), full_page=True)
        context.close()
