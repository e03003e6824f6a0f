"""Each role lands on its own home after login, with counts and links that lead to the work."""
from __future__ import annotations

import re
from datetime import date

import pytest

from tests.conftest import login
from tests.web.people import PASSWORD


def _home(client, username: str) -> str:
    response = login(client, username, PASSWORD)
    assert response.status_code == 302 and response.headers["Location"].endswith("/")
    page = client.get("/")
    assert page.status_code == 200
    return page.get_data(as_text=True)


def _tile(page: str, label: str) -> tuple[str, int]:
    match = re.search(r'<a href="([^"]+)"><strong>(\d+)</strong> ' + label + "</a>", page)
    assert match, f"no tile {label}"
    return match.group(1).replace("&amp;", "&"), int(match.group(2))


def test_clerk_lands_on_the_queue_summary_of_their_department(client, office):
    page = _home(client, "clerk_a")
    assert "欢迎" not in page or "您好" in page
    tiles = {label: _tile(page, label) for label in ("待预审", "待受理", "容缺待补", "即将超期", "已超期")}
    # Department B's submitted case is not counted: a clerk sees their own departments only.
    assert {label: n for label, (_url, n) in tiles.items()} == {"待预审": 2, "待受理": 1, "容缺待补": 1, "即将超期": 1,
                                                                "已超期": 1}
    expected = {"待预审": {"fresh", "late"}, "待受理": {"soon"}, "容缺待补": {"tolerated"}, "即将超期": {"soon"},
                "已超期": {"late"}}
    for label, (url, _n) in tiles.items():
        queue = client.get(url).get_data(as_text=True)
        shown = {key for key, number in office.numbers.items() if number in queue}
        assert shown == expected[label], (label, url)
    today = page[page.index("今日收件"):]
    assert office.numbers["fresh"] in today and "09:15" in today
    assert office.numbers["late"] not in today and office.numbers["other_department"] not in today
    assert "营业执照丢了怎么办" in today and "10:47" in today
    assert "待答复的咨询:1 条" in page
    assert "事项配置" not in page and "工作日历" not in page   # not the clerk's places


def test_department_admin_lands_on_their_items(client, office):
    page = _home(client, "admin_a")
    drafts = page[page.index("尚未发布的草稿"):page.index("已发布事项")]
    assert "甲局事项" in drafts and re.search(r"\d+ 个问题", drafts)
    assert re.search(r"已发布事项\W1 个", page) and "乙局事项" not in page
    assert "待答复的咨询:1 条" in page
    assert "最近一次导入" in page and "导入 甲局事项 为草稿" in page
    assert "事项配置" in page and "待预审" not in page and "工作日历" not in page


def test_system_admin_lands_on_departments_users_calendar_exchange_and_audit(client, office):
    page = _home(client, "sys")
    assert "秦源县甲局" in page and "秦源县乙局" in page
    assert re.search(r"用户\W6 个", page)  # sys, two admins, two clerks, a citizen
    # October 2026 with holidays known up to 2026: next year's must be entered soon.
    assert "工作日历只到 2026 年" in page
    assert "事项交换" in page and "最近的审计记录" in page and "导入 甲局事项 为草稿" in page
    for place in ("事项配置", "待办", "工作日历", "部门", "用户", "审计日志"):
        assert f">{place}</a>" in page


def test_calendar_of_the_current_year_missing_is_an_alert(client, office, monkeypatch):
    monkeypatch.setattr("runtime.clock.today", lambda: date(2027, 1, 5))
    page = _home(client, "sys")
    assert "2027 年的节假日安排尚未录入" in page


@pytest.mark.parametrize("username", ["citizen"])
def test_citizen_account_goes_to_their_applications(client, office, username):
    login(client, username, PASSWORD)
    response = client.get("/")
    assert response.status_code == 302 and response.headers["Location"].endswith("/zwfw/my")


def test_visitor_is_sent_to_sign_in(client, office):
    response = client.get("/")
    assert response.status_code == 302 and "/login/" in response.headers["Location"]


def test_flask_appbuilder_screens_show_the_same_navigation(client, office):
    login(client, "clerk_a", PASSWORD)
    ours = client.get("/clerk/").get_data(as_text=True)
    fab = client.get("/consultationview/list/").get_data(as_text=True)
    places = ["首页", "待办", "窗口收件", "网上咨询", "统计分析"]
    for page in (ours, fab):
        links = re.findall(r'<a href="[^"]+"(?: aria-current="page")?>([^<]+)</a>', page)
        assert [p for p in links if p in places + ["事项配置", "工作日历", "部门"]] == places



def test_system_admin_sees_which_departments_sign_and_reaches_the_certificates(app, client, office, monkeypatch):
    from datetime import datetime, timedelta, timezone

    from cryptography import x509
    from cryptography.fernet import Fernet
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec
    from sqlalchemy import select

    from runtime.documents.keys import store_key
    from runtime.extensions import db
    from runtime.models import Department

    page = _home(client, "sys")
    unsigned = re.search(r"以下部门尚无签章证书，其文书出具时不带数字签名：([^<]+)</p>", page)
    assert unsigned and sorted(unsigned.group(1).split("、")) == ["秦源县乙局", "秦源县甲局"]
    assert "以本部门正式证书签章的部门：0 个（共 2 个）" in page
    monkeypatch.setitem(app.config, "YIWANG_KEY_ENCRYPTION_KEY", Fernet.generate_key().decode())
    with app.app_context():
        for name, days, demo in (("秦源县甲局", 20, False), ("秦源县乙局", 365, True)):
            key = ec.generate_private_key(ec.SECP256R1())
            subject = x509.Name([x509.NameAttribute(x509.NameOID.COMMON_NAME, f"{name}电子印章")])
            now = datetime.now(timezone.utc)
            cert = (x509.CertificateBuilder().subject_name(subject).issuer_name(subject).public_key(key.public_key())
                    .serial_number(x509.random_serial_number()).not_valid_before(now)
                    .not_valid_after(now + timedelta(days=days)).sign(key, hashes.SHA256()))
            store_key(db.session.scalar(select(Department).where(Department.name == name)).id, key, cert, demo=demo)
        db.session.commit()
    page = client.get("/").get_data(as_text=True)
    assert "以本部门正式证书签章的部门：1 个（共 2 个）" in page and "尚无签章证书" not in page
    assert "1 个部门仍以演示证书签章" in page
    ending = page[page.index("即将到期"):]
    assert "秦源县甲局" in ending[:ending.index("</p>")] and "秦源县乙局" not in ending[:ending.index("</p>")]
    links = dict((text, href) for href, text in re.findall(r'<a href="([^"]+)"(?: aria-current="page")?>([^<]+)</a>', page))
    assert links["签章证书"] == links["管理签章证书"] == "/admin/signing-keys/"
    assert "秦源县甲局电子印章" in client.get(links["签章证书"]).get_data(as_text=True)
