"""Export and import through the builder pages, scoped to the admin's departments."""
import io
import re
import zipfile

from sqlalchemy import func, select

from runtime.extensions import db
from runtime.models import ItemVersion
from tests.conftest import csrf_token, login, logout
from tests.web.people import PASSWORD, build_world


def test_export_then_import_into_another_department(app, client):
    with app.app_context():
        world = build_world()
        dept_a, dept_b = world.dept_a.id, world.dept_b.id
    login(client, "admin_a", PASSWORD)
    page = client.get("/builder/exchange/").get_data(as_text=True)
    assert "甲局事项" in page and "乙局事项" not in page
    code = re.search(r'name="code" value="([0-9A-Z]+)"', page).group(1)
    exported = client.post("/builder/exchange/export", data={"csrf_token": csrf_token(page), "code": code})
    assert exported.mimetype == "application/zip"
    assert "attachment" in exported.headers["Content-Disposition"]
    names = zipfile.ZipFile(io.BytesIO(exported.data)).namelist()
    assert names == [f"items/{code}.json", "manifest.json"]   # entries as written, the manifest last

    bad = client.post("/builder/exchange/import", content_type="multipart/form-data", data={
        "csrf_token": csrf_token(page), "bundle": (io.BytesIO(b"PK\x03\x04broken"), "x.zip")})
    assert bad.status_code == 400 and "zip 文件损坏" in bad.get_data(as_text=True)
    other = client.post("/builder/exchange/import", content_type="multipart/form-data", data={
        "csrf_token": csrf_token(page), "bundle": (io.BytesIO(exported.data), "x.zip"), "department": str(dept_b)})
    assert other.status_code == 403  # 乙局 is not admin_a's department

    logout(client)
    login(client, "sys", PASSWORD)
    page = client.get("/builder/exchange/").get_data(as_text=True)
    report = client.post("/builder/exchange/import", content_type="multipart/form-data", data={
        "csrf_token": csrf_token(page), "bundle": (io.BytesIO(exported.data), "x.zip"), "department": str(dept_b),
        "mode": "catalogue"}, follow_redirects=True)   # to the job's page, which shows the report when done
    text = report.get_data(as_text=True)
    assert report.status_code == 200 and "新增 1 / 相同 0 / 更新 0" in text and "尚未写入" in text
    form = dict(re.findall(r'<input type="hidden" name="(bundle|department|mode)" value="([^"]*)"', text))
    choice = re.search(r'name="(choice-[0-9A-Z]+)"', text).group(1)
    with app.app_context():
        before = db.session.scalar(select(func.count()).select_from(ItemVersion))
    done = client.post("/builder/exchange/import/apply", data={**form, choice: "replace", "csrf_token": csrf_token(text)},
                       follow_redirects=True)
    summary = done.get_data(as_text=True)  # without JavaScript: the summary page
    assert done.status_code == 200 and "导入完成" in summary
    assert "新增 1 / 更新 0 / 相同 0 / 跳过 0 / 错误 0" in summary and "发布新版本 1 个" in summary
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(ItemVersion)) == before + 1
    listing = client.get("/builder/").get_data(as_text=True)
    assert listing.count("甲局事项") == 2  # the original and the copy now held by 乙局


def test_export_all_of_my_departments(app, client):
    from runtime.models import Item
    with app.app_context():
        world = build_world()
        code_b = db.session.get(Item, world.item_b).implementation_code
    login(client, "admin_b", PASSWORD)
    page = client.get("/builder/exchange/").get_data(as_text=True)
    exported = client.post("/builder/exchange/export", data={"csrf_token": csrf_token(page), "scope": "all"})
    names = zipfile.ZipFile(io.BytesIO(exported.data)).namelist()
    assert names == [f"items/{code_b}.json", "manifest.json"]  # 乙局's only item, not 甲局's


def test_export_one_department(app, client):
    from runtime.models import Item
    with app.app_context():
        world = build_world()
        code_b, dept_b = db.session.get(Item, world.item_b).implementation_code, world.dept_b.id
    login(client, "sys", PASSWORD)
    page = client.get("/builder/exchange/").get_data(as_text=True)
    assert "导出该部门的全部事项" in page
    exported = client.post("/builder/exchange/export", data={"csrf_token": csrf_token(page), "scope": "department",
                                                             "department": str(dept_b)})
    assert zipfile.ZipFile(io.BytesIO(exported.data)).namelist() == [f"items/{code_b}.json", "manifest.json"]
    logout(client)
    login(client, "admin_a", PASSWORD)
    page = client.get("/builder/exchange/").get_data(as_text=True)
    refused = client.post("/builder/exchange/export", data={"csrf_token": csrf_token(page), "scope": "department",
                                                            "department": str(dept_b)})
    assert refused.status_code == 403


def test_the_system_admin_imports_for_every_department_without_listing_them(app, client, monkeypatch):
    """The import job's ``allowed``: None for the system administrator (every department, however many: a
    province has 2,000, and no id list goes into the job or its queries), the department administrator's own
    departments otherwise. The check and the apply both follow it: None lets the system administrator import
    an item of any department, even one not here yet (created, as the command line does); a list bounds."""
    from builder.job_files import FileJobs
    from runtime.models import Department, Item
    from tests.engine.factories import make_uscc
    from tests.exchange.test_import_progress import NDJSON, apply_form, bundle_of, check, events
    from tests.web.people import DEPT_B, item_definition
    started, real_start = [], FileJobs.start

    def start(self, step, params):
        started.append((step, params["allowed"]))
        return real_start(self, step, params)
    monkeypatch.setattr(FileJobs, "start", start)
    with app.app_context():
        world = build_world()
        dept_a, dept_b = world.dept_a.id, world.dept_b.id
        db.session.add_all(Department(code=make_uscc(f"11610424MB{n:07d}"), name=f"其他部门{n}") for n in range(100, 130))
        db.session.commit()
    newcomer_code = make_uscc("11610424MB0000037")
    newcomer = item_definition(newcomer_code, "秦源县丙局", "000100000040", "丙局新事项")   # no such department here
    theirs = item_definition(DEPT_B, "秦源县乙局", "000100000030", "乙局新事项")
    bundle = bundle_of(newcomer, theirs)

    login(client, "admin_a", PASSWORD)
    report = events(check(client, csrf_token(client.get("/builder/exchange/").get_data(as_text=True)), bundle))
    assert started == [("check", [dept_a])]
    assert report[-1]["html"].count("不是您管理的部门") == 2                # neither is 甲局's: skip only

    logout(client)
    login(client, "sys", PASSWORD)
    report = events(check(client, csrf_token(client.get("/builder/exchange/").get_data(as_text=True)), bundle))
    assert started[-1] == ("check", None)
    html = report[-1]["html"]
    assert "新增 2 / 相同 0" in html and "不是您管理的部门" not in html
    form = {k: ("replace" if k.startswith("choice-") else v) for k, v in apply_form(html).items()}
    done = events(client.post("/builder/exchange/import/apply", headers=NDJSON, data=form))
    assert started[-1] == ("apply", None)
    assert done[-1]["result"] == "summary" and done[-1]["summary"]["published"] == 2
    with app.app_context():
        held = dict(db.session.execute(select(Item.name, Item.department_id)
                                       .where(Item.name.in_(["丙局新事项", "乙局新事项"]))).all())
        created = db.session.scalar(select(Department).where(Department.code == newcomer_code))
        assert created is not None and created.name == "秦源县丙局"
        assert held == {"丙局新事项": created.id, "乙局新事项": dept_b}
