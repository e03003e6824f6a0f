"""The exchange page's department choosers at province scale: 2,000 departments are not listed in the page
but found by name or pinyin initials (a combobox and its JSON look-up), scoped to the user's departments, and
resolved from the typed name without JavaScript."""
from __future__ import annotations

import io
import re
import zipfile

from runtime.extensions import db
from runtime.models import Department
from tests.backoffice.crawl import visible_text
from tests.backoffice.test_language import english
from tests.conftest import csrf_token, login
from tests.engine.factories import make_uscc
from tests.web.people import PASSWORD


def names(client, text: str) -> list[str]:
    response = client.get("/builder/exchange/departments", query_string={"q": text})
    assert response.status_code == 200
    return [row["name"] for row in response.get_json()]


def test_the_page_lists_no_departments_but_offers_a_combobox(province_departments, client):
    login(client, "sys", PASSWORD)
    page = client.get("/builder/exchange/").get_data(as_text=True)
    assert page.count('role="combobox"') == 2 and "department-combobox.js" in page
    assert "共 2,002 个部门:输入名称的一部分或拼音首字母" in page
    assert "北河县民政局" not in page and page.count("<option") == 0
    assert len(page.encode()) < 20_000     # 2,002 options were ~100 KB
    assert english(visible_text(page)) == set()   # the combobox's texts are Chinese too


def test_a_search_finds_one_department_by_name_or_pinyin_initials(province_departments, client):
    login(client, "sys", PASSWORD)
    assert names(client, "秦源县甲局") == ["秦源县甲局"]
    assert names(client, "qyxjj") == ["秦源县甲局"]            # initials
    assert names(client, "QinYuanXianJia") == ["秦源县甲局"]   # full pinyin, any case
    assert names(client, "bhxmzj") == ["北河县民政局"]
    assert len(names(client, "局")) == 20                        # the first 20 only
    assert names(client, "%") == [] and names(client, "") == []   # literal, and nothing for nothing


def test_a_department_admin_finds_only_their_own(province_departments, client):
    login(client, "admin_a", PASSWORD)
    assert names(client, "局") == ["秦源县甲局"]
    page = client.get("/builder/exchange/").get_data(as_text=True)
    assert 'role="combobox"' not in page and "department-combobox.js" not in page   # one department: a select


def test_without_javascript_the_typed_name_is_resolved(province_departments, client):
    login(client, "sys", PASSWORD)
    token = csrf_token(client.get("/builder/exchange/").get_data(as_text=True))
    export = client.post("/builder/exchange/export", data={"csrf_token": token, "scope": "department",
                                                           "department_q": "秦源县甲局", "department": ""})
    assert export.status_code == 200 and export.mimetype == "application/zip"
    assert [n for n in zipfile.ZipFile(io.BytesIO(export.data)).namelist() if n.startswith("items/")] == [
        "items/" + make_uscc("11610424MB0000011") + "4000100000001.json"]
    vague = client.post("/builder/exchange/export", data={"csrf_token": token, "scope": "department",
                                                          "department_q": "民政", "department": ""}, follow_redirects=True)
    assert "有 20+ 个部门与“民政”匹配,请输入更完整的名称" in vague.get_data(as_text=True)
    none = client.post("/builder/exchange/export", data={"csrf_token": token, "scope": "department",
                                                         "department_q": "不存在的局"}, follow_redirects=True)
    assert "您所属的部门中没有与“不存在的局”匹配的部门" in none.get_data(as_text=True)
    report = client.post("/builder/exchange/import", data={"csrf_token": token, "department_q": "民政",
                                                                 "bundle": (io.BytesIO(b"PK"), "x.zip")},
                         content_type="multipart/form-data")
    assert report.status_code == 400 and "请输入更完整的名称" in report.get_data(as_text=True)


def test_a_renamed_department_is_found_by_its_new_pinyin(province_departments, client):
    with province_departments.app_context():
        department = db.session.query(Department).filter_by(name="北河县民政局").one()
        department.name = "北河县民政事务局"
        db.session.commit()
    login(client, "sys", PASSWORD)
    assert names(client, "bhxmzswj") == ["北河县民政事务局"] and names(client, "bhxmzj") == []


def test_an_import_into_a_typed_department_reports_for_it(province_departments, client):
    login(client, "sys", PASSWORD)
    page = client.get("/builder/exchange/").get_data(as_text=True)
    code = re.search(r'name="code" value="([0-9A-Z]+)"', page).group(1)
    exported = client.post("/builder/exchange/export", data={"csrf_token": csrf_token(page), "code": code})
    report = client.post("/builder/exchange/import", content_type="multipart/form-data", data={
        "csrf_token": csrf_token(page), "bundle": (io.BytesIO(exported.data), "x.zip"), "department_q": "bhxmzj"},
        follow_redirects=True)   # to the import job's page, which shows the report when done
    text = report.get_data(as_text=True)
    assert report.status_code == 200 and "新增 1" in text, text[text.find("<main"):][:500]
    with province_departments.app_context():
        wanted = db.session.query(Department.id).filter_by(name="北河县民政局").scalar()
    assert f'name="department" value="{wanted}"' in text     # the apply step imports into it
