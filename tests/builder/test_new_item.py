"""Creating an item: the catalogue combobox's search (name, code, pinyin initials), the form that
posts the chosen entry (or, without scripts, its typed name), and the defaults a new draft takes from
the department's other items, so only a handful of things remain before publishing."""
import re

import pytest
from sqlalchemy import select

from builder.catalogue_entries import search
from runtime.extensions import db
from runtime.models import Item
from tests.conftest import csrf_token, login
from tests.web.people import PASSWORD, build_world


@pytest.fixture
def world(app):
    with app.app_context():
        built = build_world()
        built.dept_a_id = built.dept_a.id
        built.dept_a.phone = "0910-6512000"
        db.session.commit()
        return built


def names(query):
    return [e["name"] for e in search(query)]


def test_search_by_name_code_and_pinyin():
    assert names("spjy")[0] == "食品经营许可证核发"                     # pinyin initials
    assert names("shipinjingying")[0] == "食品经营许可证核发"           # full pinyin
    assert names("001023040000") == ["食品经营许可证核发"]               # the basic code
    assert "公共场所卫生许可证核发" in names("卫生 许可")                 # words in any order
    assert names("个体工商户登记") == ["个体工商户登记"]                  # the local entry (with a code) only
    assert names("zzzzqqq") == []
    assert "餐饮服务许可证核发" in names("cyfw")                          # the 2011 catalogue is searched too


def test_catalogue_endpoint_is_for_authors(client, world):
    assert client.get("/builder/catalogue?q=spjy").status_code == 302
    login(client, "admin_a", PASSWORD)
    found = client.get("/builder/catalogue?q=spjy").json
    assert found[0] == {"key": "code:001023040000", "name": "食品经营许可证核发", "group": "市场监督管理工作",
                        "code": "001023040000", "task_type": "01"}


def test_new_item_from_a_chosen_entry_gets_codes_and_defaults(app, client, world):
    login(client, "admin_a", PASSWORD)
    page = client.get("/builder/new").get_data(as_text=True)
    assert 'role="combobox"' in page and "<option" in page and page.count("<option") < 40  # no 321-option select
    created = client.post("/builder/new", data={"csrf_token": csrf_token(page), "department": str(world.dept_a_id),
                                                "catalogue": "code:001023040000", "catalogue_text": "食品经营许可证核发"})
    assert created.status_code == 302
    with app.app_context():
        item = db.session.scalar(select(Item).where(Item.basic_code == "001023040000"))
        assert item.name == "食品经营许可证核发" and item.task_type == "01" and item.current_version is None
        item_id = item.id
    draft = client.get(f"/builder/api/items/{item_id}/draft").json
    doc = draft["definition"]
    assert doc["implementation"]["implementation_code"].endswith("4001023040000")
    assert doc["implementation"]["handle_item_name"] == "食品经营许可证核发"
    assert doc["guide"]["consult_phone"] == "0910-6500000"       # as on the department's published item
    assert doc["guide"]["result"]["name"] == "食品经营许可证"      # from the name
    missing = {p["path"] for p in draft["problems"] if p["severity"] == "error"}
    assert "$.guide.summary" in missing and "$.catalogue.legal_basis[0].law" in missing
    assert len(missing) <= 8, missing                              # a handful, not a wall


def test_windows_and_phones_come_from_the_departments_latest_item(app, client, world):
    from builder.item_store import publish
    from tests.web.people import DEPT_A, item_definition
    with app.app_context():
        doc = item_definition(DEPT_A, "秦源县甲局", "000100000009", "甲局另一事项")
        doc["guide"]["locations"] = [{"name": "甲局窗口(8号)", "address": "秦源县人民路 1 号", "hours": "工作日"}]
        doc["guide"]["consult_phone"] = "0910-6510008"
        doc["documents"] = {"court": "秦源县人民法院", "review_authority": "秦源县人民政府", "abbreviation": "甲局"}
        publish(doc)
        db.session.commit()
    login(client, "admin_a", PASSWORD)
    page = client.get("/builder/new").get_data(as_text=True)
    client.post("/builder/new", data={"csrf_token": csrf_token(page), "department": str(world.dept_a_id),
                                      "catalogue_text": "食品经营许可证核发"})  # no script: the typed name matches
    with app.app_context():
        item_id = db.session.scalar(select(Item.id).where(Item.basic_code == "001023040000"))
    doc = client.get(f"/builder/api/items/{item_id}/draft").json["definition"]
    assert doc["guide"]["locations"][0]["address"] == "秦源县人民路 1 号"
    assert doc["guide"]["consult_phone"] == "0910-6510008"
    assert doc["documents"]["court"] == "秦源县人民法院"
    assert doc["documents"]["abbreviation"] == "甲局"


def test_an_item_outside_the_catalogue_needs_its_code_and_type(app, client, world):
    login(client, "admin_a", PASSWORD)
    page = client.get("/builder/new").get_data(as_text=True)
    form = {"csrf_token": csrf_token(page), "department": str(world.dept_a_id), "catalogue_text": "临时占道经营备案",
            "basic_code": "12"}
    bad = client.post("/builder/new", data=form)
    text = bad.get_data(as_text=True)
    assert bad.status_code == 400 and "12 位数字" in text and "请选择事项类型" in text
    assert 'value="临时占道经营备案"' in text                      # what was typed stays
    typed = client.post("/builder/new", data=form | {"catalogue_text": "spjy", "basic_code": "", "task_type": "01"})
    assert "“spjy”不是目录中的事项" in typed.get_data(as_text=True)            # nothing chosen from the list
    empty = client.post("/builder/new", data={"csrf_token": csrf_token(page), "department": str(world.dept_a_id)})
    assert "请从目录中选择事项" in empty.get_data(as_text=True)
    ok = client.post("/builder/new", data=form | {"basic_code": "000777000001", "task_type": "07"})
    assert ok.status_code == 302
    with app.app_context():
        assert db.session.scalar(select(Item.name).where(Item.basic_code == "000777000001")) == "临时占道经营备案"
    again = client.post("/builder/new", data=form | {"basic_code": "000777000001", "task_type": "07"})
    assert again.status_code == 400 and "已存在" in again.get_data(as_text=True)
    assert re.search(r"实施编码 \d+", again.get_data(as_text=True))


def test_a_department_without_items_lends_its_own_phone(app):
    import json

    from builder.drafts import TEMPLATE
    from builder.new_item_defaults import apply_defaults
    from runtime.models import Department
    with app.app_context():
        dept = Department(code="11610424MB00000990", name="秦源县新设局", phone="0910-6519999")
        db.session.add(dept)
        db.session.flush()
        doc = apply_defaults(json.loads(TEMPLATE.read_text("utf-8")), dept, "林木采伐许可")
        assert doc["guide"]["consult_phone"] == "0910-6519999"
        assert doc["guide"]["result"]["name"] == ""                # no 证/照 to name it after
        db.session.rollback()
