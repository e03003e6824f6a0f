"""Province -> county, two instances on two databases, real bundles between them (issue #24): a
county item derived from a provincial base item takes every base update without losing a province
change or a county change, whatever the order of drafts and publishing."""
import copy
import json
from pathlib import Path

import pytest
from sqlalchemy import select

from builder.drafts import open_draft, publish_draft, restore_version, save_draft
from builder.exchange.apply import apply_plan
from builder.exchange.bundle import read_bundle
from builder.exchange.export import export_items, select_items
from builder.exchange.plan import plan_import
from builder.item_store import latest_version, publish
from runtime.extensions import db
from runtime.models import Department, Item
from tests.engine.factories import make_uscc
from tests.exchange.two_instances import province, province_app  # noqa: F401 - fixtures

ROOT = Path(__file__).resolve().parents[2]
PERMIT = json.loads((ROOT / "item_defs/construction-permit.json").read_text("utf-8"))
BASE_CODE = PERMIT["implementation"]["implementation_code"]
COUNTY = make_uscc("11610424MB0000077")
LOCAL = f"{COUNTY}4{PERMIT['catalogue']['basic_code']}"
TIME = "2026-12-01T00:00:00+00:00"


def v1():
    return copy.deepcopy(PERMIT)


def v2():
    """The province's second version: a new material, a changed label, a fee note, and its own phone."""
    doc = v1()
    doc["materials"].append({**doc["materials"][1], "id": "energy_saving", "name": "节能审查意见"})
    doc["form"]["steps"][0]["fields"][0]["label"] = "建设单位名称(全称)"
    doc["guide"]["fee_note"] = "配套费按省级 2026 年标准征收。"
    doc["guide"]["consult_phone"] = "029-88888888"
    return doc


def v3():
    """The third: the legal basis revised at the end of a long text, and a shorter legal limit."""
    doc = v2()
    doc["catalogue"]["legal_basis"][0]["text"] += "(2026年修订)"
    doc["time_limits"]["legal"]["value"] = 12
    return doc


def province_publishes(province, doc) -> bytes:
    """The province publishes ``doc`` as its item's next version and exports the item."""
    with province.app_context():
        publish(copy.deepcopy(doc))
        db.session.commit()
        return export_items(select_items([BASE_CODE]), exporter="陕西省住房和城乡建设厅", exported_at=TIME)


def county_imports(app, data: bytes, choice: str | None = None):
    """The county plans the bundle into its department and, given a choice, applies it."""
    with app.app_context():
        county = db.session.scalar(select(Department).where(Department.code == COUNTY))
        bundle = read_bundle(data)
        entry = plan_import(bundle, department=county)[0]
        if choice:
            apply_plan(bundle, [entry], {entry.source_code: choice})
            db.session.commit()
        return entry


def county_item():
    return db.session.scalar(select(Item).where(Item.implementation_code == LOCAL))


@pytest.fixture
def county(app, province):
    """The county took v1 and published its own edits: a phone, an acceptance standard, a summary."""
    with app.app_context():
        db.session.add(Department(code=COUNTY, name="秦源县住房和城乡建设局"))
        db.session.commit()
    county_imports(app, province_publishes(province, v1()), "replace")
    with app.app_context():
        local = copy.deepcopy(latest_version(county_item()).definition)
        local["guide"]["consult_phone"] = "0910-6512999"
        local["guide"]["summary"] = "秦源县本地简介。"
        local["materials"][0]["acceptance_standard"] = "本县要求:加盖公章并签字。"
        publish(local)
        db.session.commit()
        assert county_item().base_version == 1
    return app


def assert_has_everything(doc):
    """Every province change of v2 and v3 and every county change, in one definition."""
    assert doc["materials"][-1]["id"] == "energy_saving"
    assert doc["form"]["steps"][0]["fields"][0]["label"] == "建设单位名称(全称)"
    assert doc["guide"]["fee_note"] == "配套费按省级 2026 年标准征收。"
    assert doc["catalogue"]["legal_basis"][0]["text"].endswith("(2026年修订)")
    assert doc["time_limits"]["legal"]["value"] == 12
    assert doc["guide"]["consult_phone"] == "0910-6512999"        # the county's, not the province's
    assert doc["guide"]["summary"] == "秦源县本地简介。"
    assert doc["materials"][0]["acceptance_standard"] == "本县要求:加盖公章并签字。"
    assert doc["implementation"]["department"]["code"] == COUNTY


def publish_county_draft(app):
    with app.app_context():
        item = county_item()
        publish_draft(item, None, None)
        db.session.commit()
        item = county_item()
        return latest_version(item).definition, item.base_version, latest_version(item).note, item.draft.pending_base


def test_v2_as_draft_then_v3(county, province):
    app = county
    county_imports(app, province_publishes(province, v2()), "draft")
    with app.app_context():
        item = county_item()
        assert item.base_version == 1            # only a draft holds v2: the base stays
        assert item.draft.pending_base["version"] == 2
    again = county_imports(app, read_bundle_bytes(province))
    assert again.status == "identical" and "草稿" in again.note

    update = county_imports(app, province_publishes(province, v3()))
    assert update.status == "update" and update.allowed_choices == ("draft", "skip")  # the draft is the admin's
    assert "第 2 版 → 第 3 版" in update.note and "尚未发布" in update.note
    assert_has_everything(update.definition)     # v2's changes are still there (they were overwritten before)
    county_imports(app, province_publishes(province, v3()), "draft")
    published, base_version, note, pending = publish_county_draft(app)
    assert_has_everything(published)
    assert base_version == 3 and pending is None
    assert "合并基础事项" in note and "第 1 版 → 第 3 版" in note and "保留本地:办事指南 › 咨询电话" in note


def read_bundle_bytes(province):
    with province.app_context():
        return export_items(select_items([BASE_CODE]), exporter="陕西省住房和城乡建设厅", exported_at=TIME)


def test_v2_published_then_v3(county, province):
    app = county
    county_imports(app, province_publishes(province, v2()), "replace")
    with app.app_context():
        item = county_item()
        assert item.base_version == 2 and "第 1 版 → 第 2 版" in latest_version(item).note
    update = county_imports(app, province_publishes(province, v3()), "replace")
    assert update.allowed_choices == ("draft", "replace", "skip") and "第 2 版 → 第 3 版" in update.note
    with app.app_context():
        item = county_item()
        assert_has_everything(latest_version(item).definition)
        assert item.base_version == 3


def test_v2_draft_discarded_then_v3(county, province):
    app = county
    county_imports(app, province_publishes(province, v2()), "draft")
    with app.app_context():
        item = county_item()
        restore_version(item, item.current_version, item.draft.lock_version, None)  # the admin discards it
        db.session.commit()
        assert county_item().draft.pending_base is None
    update = county_imports(app, province_publishes(province, v3()), "draft")
    assert "第 1 版 → 第 3 版" in update.note      # merged from the published base: v2's changes come again
    published, base_version, _note, _pending = publish_county_draft(app)
    assert_has_everything(published)
    assert base_version == 3


def test_unpublished_county_edits_in_the_draft_are_kept(county, province):
    app = county
    with app.app_context():
        item = county_item()
        draft = open_draft(item)
        doc = copy.deepcopy(draft.definition)
        doc["guide"]["quantity_limit"] = "本县草稿:无数量限制。"
        save_draft(item, doc, draft.lock_version, None)
        db.session.commit()
    update = county_imports(app, province_publishes(province, v2()))
    assert update.allowed_choices == ("draft", "skip") and "本地草稿有未发布的修改" in update.note
    assert update.definition["guide"]["quantity_limit"] == "本县草稿:无数量限制。"
    assert update.definition["materials"][-1]["id"] == "energy_saving"


def test_catalogue_elements_follow_the_source_on_conflict(county, province):
    """Both edited the legal-basis text: the province's wins (三级四同), and the report says so."""
    app = county
    with app.app_context():
        local = copy.deepcopy(latest_version(county_item()).definition)
        local["catalogue"]["legal_basis"][0]["text"] += "(县里的注释)"
        publish(local)
        db.session.commit()
    province_publishes(province, v2())
    update = county_imports(app, province_publishes(province, v3()), "replace")
    text = update.definition["catalogue"]["legal_basis"][0]["text"]
    assert text.endswith("(2026年修订)") and "县里的注释" not in text
    [conflict] = [c for c in update.conflicts if c.path.startswith("$.catalogue")]
    assert conflict.kept == "source" and "采用省级内容" in conflict.text
    assert conflict.label == "基本目录要素 › 设定依据“《中华人民共和国建筑法》” › 条文内容"
    assert "(县里的注释)" in conflict.text and "(2026年修订)" in conflict.text   # the differing parts, not "…"
    assert not any("legal_basis" in c.path for c in update.changes)               # listed once, as a conflict


def test_the_report_separates_applied_kept_local_and_conflicting_changes(county, province):
    app = county
    with app.app_context():
        local = copy.deepcopy(latest_version(county_item()).definition)
        local["guide"]["fee_note"] = "本县:配套费按县级标准。"
        publish(local)
        db.session.commit()
    update = county_imports(app, province_publishes(province, v2()))
    applied = [c.text for c in update.changes]
    assert "新增 申请材料“节能审查意见”" in applied
    assert "修改 申请表单 › 表单步骤“建设单位” › 字段“建设单位名称” › 字段名称:建设单位名称 → 建设单位名称(全称)" in applied
    assert not any("咨询电话" in t for t in applied)                         # not taken: the county's own
    assert [c.label for c in update.kept_local] == ["办事指南 › 咨询电话"]
    [conflict] = update.conflicts
    assert conflict.kept == "local" and conflict.label == "办事指南 › 收费说明"
    assert "本县:配套费按县级标准。" in conflict.text and "保留本地内容" in conflict.text
    assert update.definition["guide"]["fee_note"] == "本县:配套费按县级标准。"
    assert "$" not in " ".join(c.text for c in update.conflicts)                 # no raw JSON paths


def test_an_item_of_another_base_needs_an_explicit_choice(county, province):
    """The province's other item with the same basic code (another implementation) is not the county's base."""
    app = county
    other = v1()
    other_dept = make_uscc("11610000MB0000055")
    other["implementation"]["implementation_code"] = f"{other_dept}4{PERMIT['catalogue']['basic_code']}"
    other["implementation"]["department"] = {"name": "省直某局", "code": other_dept}
    other["catalogue"]["name"] = "另一个事项"
    with province.app_context():
        publish(other)
        db.session.commit()
        data = export_items(select_items([other["implementation"]["implementation_code"]]),
                            exporter="陕西省", exported_at=TIME)
    entry = county_imports(app, data)
    assert entry.status == "unrelated" and entry.default_choice == "skip" and entry.needs_explicit_choice
    assert "派生自另一个基础事项" in entry.note and BASE_CODE in entry.note
    assert "replace" in entry.allowed_choices          # the admin may still choose it, explicitly
    with app.app_context():
        bundle = read_bundle(data)
        apply_plan(bundle, plan_import(bundle, department=db.session.get(Department, county_item().department_id)), {})
        db.session.commit()
        assert county_item().name == "建筑工程施工许可证核发"    # nothing renamed by default


def test_an_item_with_another_basic_code_is_not_an_update(app, province):
    """Matched by implementation code, but the catalogue says it is another basic item."""
    mine = v1()
    with app.app_context():
        publish(mine)
        db.session.commit()
    theirs = v1()
    theirs["catalogue"]["basic_code"] = "001064039999"
    theirs["catalogue"]["name"] = "别的事项"
    data = province_publishes(province, theirs)
    with app.app_context():
        entry = plan_import(read_bundle(data))[0]
    assert entry.status == "unrelated" and "基本编码不同" in entry.note and entry.default_choice == "skip"


def test_a_base_update_that_changes_nothing_locally_still_moves_the_base_once_published(county, province):
    """The province changed only its own phone (a county implementation key): no content changes,
    but publishing the draft records that the item now follows v2."""
    app = county
    only_phone = v1()
    only_phone["guide"]["consult_phone"] = "029-88888888"
    update = county_imports(app, province_publishes(province, only_phone), "draft")
    assert update.changes == [] and [c.label for c in update.kept_local] == ["办事指南 › 咨询电话"]
    _published, base_version, _note, pending = publish_county_draft(app)
    assert base_version == 2 and pending is None
    assert county_imports(app, read_bundle_bytes(province)).status == "identical"


def test_the_cli_default_does_not_write_an_unrelated_item(app, province, tmp_path):
    """`--default replace` imports everything else; the item of another basic code needs its own --choice."""
    with app.app_context():
        publish(v1())
        db.session.commit()
    theirs = v1()
    theirs["catalogue"]["basic_code"] = "001064039999"
    theirs["catalogue"]["name"] = "别的事项"
    (tmp_path / "b.zip").write_bytes(province_publishes(province, theirs))
    result = app.test_cli_runner().invoke(args=["items", "import", str(tmp_path / "b.zip"), "--default", "replace"])
    assert result.exit_code == 0 and "[不同事项] 别的事项" in result.output and "→ skip" in result.output
    with app.app_context():
        assert db.session.scalar(select(Item).where(Item.implementation_code == BASE_CODE)).name == "建筑工程施工许可证核发"
    chosen = app.test_cli_runner().invoke(args=["items", "import", str(tmp_path / "b.zip"),
                                                "--choice", f"{BASE_CODE}=replace"])
    assert chosen.exit_code == 0, chosen.output
    with app.app_context():
        assert db.session.scalar(select(Item).where(Item.implementation_code == BASE_CODE)).name == "别的事项"
