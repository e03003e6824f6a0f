"""From the login page to each role's main task by clicking only (Chromium): the clerk accepts a case
from the queue summary, the department admin opens a draft with problems, the system admin enters next
year's holidays. Each home is photographed at 1366 and 390 px when YIWANG_SHOTS_DIR is set."""
from __future__ import annotations

import os
from pathlib import Path

import re

import pytest
from playwright.sync_api import expect

from runtime.extensions import db
from runtime.models import Application
from tests.backoffice.conftest import office  # noqa: F401 - the fixture
from tests.web.people import PASSWORD

SHOTS = os.environ.get("YIWANG_SHOTS_DIR")


def _sign_in(browser, live_server, username, width=1366):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(f"{live_server}/login/")
    page.fill("#username", username)
    page.fill("#password", PASSWORD)
    page.click("input[type=submit], button[type=submit]")
    page.wait_for_url(f"{live_server}/")
    return context, page


def _shoot(browser, live_server, username, name):
    if not SHOTS:
        return
    Path(SHOTS).mkdir(parents=True, exist_ok=True)
    for width in (1366, 390):
        context, page = _sign_in(browser, live_server, username, width)
        page.screenshot(path=f"{SHOTS}/{name}-{width}.png", full_page=True)
        context.close()


def _shoot_page(page, name):
    if not SHOTS:
        return
    Path(SHOTS).mkdir(parents=True, exist_ok=True)
    for width in (390, 1366):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=f"{SHOTS}/{name}-{width}.png", full_page=True)


def test_clerk_accepts_a_case_from_the_home_page(app, browser, live_server, office):  # noqa: F811
    context, page = _sign_in(browser, live_server, "clerk_a")
    expect(page.get_by_role("heading", name="窗口办件")).to_be_visible()
    page.get_by_role("link", name="1 待受理").click()
    page.get_by_role("link", name=office.numbers["soon"]).click()
    _shoot_page(page, "case-file")
    panel = page.locator("form.action-card").filter(has=page.get_by_role("button", name="受理", exact=True))
    panel.get_by_label("我已核对办件,确认出具受理通知书").check()
    panel.get_by_role("button", name="受理", exact=True).click()
    expect(page.locator("main")).to_contain_text(re.compile("已办理:受理|已受理"))   # waits for the page after the post
    with app.app_context():
        accepted = db.session.query(Application).filter_by(number=office.numbers["soon"]).one()
        assert accepted.status == "accepted" and accepted.case_number
    page.get_by_role("link", name="首页").first.click()
    expect(page.get_by_role("link", name="0 待受理")).to_be_visible()
    context.close()
    _shoot(browser, live_server, "clerk_a", "home-clerk")


def test_department_admin_opens_the_draft_with_problems(browser, live_server, office):  # noqa: F811
    context, page = _sign_in(browser, live_server, "admin_a")
    drafts = page.locator("table").filter(has_text="个问题")
    drafts.get_by_role("link", name="甲局事项").click()
    expect(page.get_by_role("heading", name="甲局事项")).to_be_visible()
    page.get_by_role("link", name="首页").first.click()
    page.get_by_role("link", name="网上咨询").first.click()
    expect(page.locator("body")).to_contain_text("营业执照丢了怎么办")
    context.close()
    _shoot(browser, live_server, "admin_a", "home-department-admin")


def test_system_admin_enters_next_years_holidays(browser, live_server, office):  # noqa: F811
    context, page = _sign_in(browser, live_server, "sys")
    assert "工作日历只到 2026 年" in page.inner_text("main")
    page.get_by_role("link", name="录入节假日安排").click()
    page.fill("#i-year", "2027")
    page.fill("#i-source", "国办发明电〔2026〕7号")
    page.fill("#i-holidays", "\n".join(["2027-01-01", *(f"2027-02-{d:02d}" for d in range(6, 13)), "2027-04-05",
                                         "2027-05-01", "2027-05-03", "2027-06-09", "2027-09-15",
                                         *(f"2027-10-{d:02d}" for d in range(1, 8))]))
    page.get_by_role("button", name="保存").click()
    expect(page.locator("main")).to_contain_text("2027 年节假日安排已保存")
    page.get_by_role("link", name="首页").first.click()
    expect(page.locator("main")).to_contain_text("2027")
    expect(page.locator("main")).not_to_contain_text("工作日历只到")
    page.get_by_role("link", name="用户", exact=True).first.click()
    page.get_by_role("cell", name="clerk_a", exact=True).first.wait_for()   # the list, not a page still loading
    _shoot_page(page, "users")
    assert "clerk_a" in page.inner_text("body") and "True" not in page.inner_text("body")
    context.close()
    _shoot(browser, live_server, "sys", "home-system-admin")


def test_system_admin_imports_a_departments_certificate_from_the_home_page(app, browser, live_server, office,  # noqa: F811
                                                                            monkeypatch, tmp_path):
    from cryptography.fernet import Fernet

    from tests.clerk.test_signing_keys import p12
    monkeypatch.setitem(app.config, "YIWANG_KEY_ENCRYPTION_KEY", Fernet.generate_key().decode())
    (tmp_path / "seal.p12").write_bytes(p12(b"seal-pass", name="秦源县甲局电子印章"))
    context, page = _sign_in(browser, live_server, "sys")
    home = page.locator("main")
    expect(home).to_contain_text("以下部门尚无签章证书")
    page.get_by_role("link", name="管理签章证书").click()
    expect(page.get_by_role("heading", name="签章证书", exact=True)).to_be_visible()
    _shoot_page(page, "signing-certificates-empty")
    page.get_by_label("部门").select_option(label="秦源县甲局")
    page.get_by_label("证书文件").set_input_files(str(tmp_path / "seal.p12"))
    page.get_by_label("证书密码").fill("seal-pass")
    page.get_by_role("button", name="导入并启用").click()
    expect(page.locator("body")).to_contain_text("今后以“秦源县甲局电子印章”签章")
    expect(page.get_by_role("cell", name="使用中")).to_be_visible()
    _shoot_page(page, "signing-certificates")
    page.get_by_role("link", name="首页").first.click()
    expect(home).to_contain_text("以本部门正式证书签章的部门：1 个（共 2 个）")
    page.get_by_role("link", name="签章证书", exact=True).first.click()    # the navigation bar's entry
    expect(page.get_by_role("cell", name="使用中")).to_be_visible()
    context.close()
    _shoot(browser, live_server, "sys", "home-system-admin-certificates")
