"""Import through the app: dry-run report, 三级四同 merging, choices, all-or-nothing, round trip."""
import copy
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from builder.exchange.apply import ImportRefused, apply_plan
from builder.exchange.bundle import read_bundle, write_bundle
from builder.exchange.export import export_items, select_items
from builder.exchange.plan import plan_import
from builder.item_store import latest_version, publish
from runtime.extensions import db
from runtime.models import Department, Item, ItemVersion
from tests.engine.factories import make_uscc

ROOT = Path(__file__).resolve().parents[2]
PERMIT = json.loads((ROOT / "item_defs/construction-permit.json").read_text("utf-8"))
PROVINCE_TIME = "2026-11-24T00:00:00+00:00"


def as_bundle(*docs):
    return read_bundle(write_bundle([(d, 1) for d in docs], {}, exporter="陕西省", exported_at=PROVINCE_TIME))


def test_dry_run_classifies_new_identical_update(app):
    with app.app_context():
        publish(copy.deepcopy(PERMIT))
        db.session.commit()
        changed = copy.deepcopy(PERMIT)
        changed["catalogue"]["legal_basis"][0]["article"] = "第七条(2026 年修订)"
        hygiene = json.loads((ROOT / "item_defs/public-place-hygiene-licence.json").read_text("utf-8"))
        entries = {e.source_code: e for e in plan_import(as_bundle(changed, hygiene))}
        permit_code = PERMIT["implementation"]["implementation_code"]
        assert entries[permit_code].status == "update"
        assert [c.text for c in entries[permit_code].changes] == [
            "修改 基本目录要素 › 设定依据“《中华人民共和国建筑法》” › 条款号:第七条 → 第七条(2026 年修订)"]
        assert entries[hygiene["implementation"]["implementation_code"]].status == "new"
        assert plan_import(as_bundle(PERMIT))[0].status == "identical"
        assert db.session.scalar(select(func.count()).select_from(Item)) == 1  # dry run wrote nothing


def test_county_keeps_its_local_keys_from_a_provincial_update(app):
    """An item the county set up itself (not derived from the source): the mode decides what comes in."""
    from builder.exchange.local_keys import rekey
    with app.app_context():
        county = Department(code=make_uscc("11610424MB0000099"), name="秦源县住建局(测试)", abbreviation="秦住")
        db.session.add(county)
        db.session.flush()
        first = plan_import(as_bundle(PERMIT), department=county)[0]
        assert first.status == "new" and first.target_code == f"{county.code}4{PERMIT['catalogue']['basic_code']}"
        assert first.definition["implementation"]["department"]["name"] == "秦源县住建局(测试)"
        mine = rekey(PERMIT, county)
        mine["guide"]["consult_phone"] = "0910-6599999"
        mine["time_limits"]["promised"]["value"] = 3
        publish(mine)
        db.session.commit()

        provincial = copy.deepcopy(PERMIT)
        provincial["catalogue"]["name"] = "建筑工程施工许可证核发(省级更新)"
        provincial["guide"]["consult_phone"] = "029-88888888"
        provincial["materials"].append({**provincial["materials"][0], "id": "new_province_material", "name": "省级新增材料"})
        for mode, takes_material in (("catalogue", False), ("full", True)):
            entry = plan_import(as_bundle(provincial), department=county, mode=mode)[0]
            assert entry.status == "update"
            doc = entry.definition
            assert doc["catalogue"]["name"] == "建筑工程施工许可证核发(省级更新)"
            assert doc["guide"]["consult_phone"] == "0910-6599999" and doc["time_limits"]["promised"]["value"] == 3
            assert doc["implementation"]["department"]["code"] == county.code
            assert any(m["id"] == "new_province_material" for m in doc["materials"]) is takes_material


def test_unpublished_draft_edits_make_a_conflict(app):
    from builder.drafts import open_draft
    with app.app_context():
        item = publish(copy.deepcopy(PERMIT)).item
        draft = open_draft(item)
        edited = copy.deepcopy(draft.definition)
        edited["guide"]["summary"] = "本地草稿修改"
        draft.definition = edited
        db.session.commit()
        changed = copy.deepcopy(PERMIT)
        changed["catalogue"]["name"] = "新名称"
        entry = plan_import(as_bundle(changed))[0]
        assert entry.status == "conflict" and "草稿" in entry.note and entry.default_choice == "skip"


def test_all_or_nothing(app):
    with app.app_context():
        other_dept = Department(code=make_uscc("11610424MB0000098"), name="别的部门")
        db.session.add(other_dept)
        db.session.flush()
        hygiene = json.loads((ROOT / "item_defs/public-place-hygiene-licence.json").read_text("utf-8"))
        bundle = as_bundle(PERMIT, hygiene)
        entries = plan_import(bundle)
        with pytest.raises(ImportRefused, match="无权"):
            # the second publish is outside the allowed departments: the first must not stay behind
            apply_plan(bundle, entries, {e.source_code: "replace" for e in entries}, allowed_department_ids=[-1])
        db.session.rollback()
        assert db.session.scalar(select(func.count()).select_from(ItemVersion)) == 0
        with pytest.raises(ImportRefused, match="不能选择"):
            apply_plan(bundle, entries, {entries[0].source_code: "bogus"})


def test_invalid_definition_in_bundle_is_reported_not_crashed(app):
    with app.app_context():
        bad = copy.deepcopy(PERMIT)
        bad["surprise_key"] = 1
        bad["time_limits"]["promised"]["value"] = 999
        entry = plan_import(as_bundle(bad))[0]
        assert entry.status == "invalid" and entry.allowed_choices == ("draft", "skip")
        assert any(p.path == "$" or "surprise_key" in p.message for p in entry.problems)


def test_cli_round_trip_into_a_fresh_instance_is_byte_identical(tmp_path):
    """Export all examples, import into another database, export again: the same bytes."""
    def flask(db_name, *args):
        env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / db_name}", "YIWANG_STORAGE_DIR": str(tmp_path / db_name) + "-files",
               "SECRET_KEY": "round-trip-secret-key-0123456789abcdef"}
        return subprocess.run([sys.executable, "-m", "flask", "--app", "app", *args], cwd=ROOT, env=env,
                              capture_output=True, text=True, timeout=300)
    fixed = ["--time", PROVINCE_TIME, "--exporter", "秦源县"]
    for name in ("a.db", "b.db"):
        assert flask(name, "yiwang", "init").returncode == 0
    assert flask("a.db", "items", "load", "item_defs/").returncode == 0
    assert flask("a.db", "items", "export", "--all", "-o", str(tmp_path / "a.zip"), *fixed).returncode == 0
    dry = flask("b.db", "items", "import", str(tmp_path / "a.zip"), "--dry-run")
    assert dry.returncode == 0 and dry.stdout.count("[新增]") == 6 and "未写入任何内容" in dry.stdout
    applied = flask("b.db", "items", "import", str(tmp_path / "a.zip"), "--default", "replace")
    assert applied.returncode == 0 and "发布 6 个" in applied.stdout
    assert "汇总:新增 6 / 更新 0 / 相同 0 / 跳过 0 / 错误 0(存为草稿 0 个,发布新版本 6 个),共 6 个事项,用时" \
        in applied.stdout and "检查 [" in applied.stderr and "导入 [" in applied.stderr
    assert flask("b.db", "items", "export", "--all", "-o", str(tmp_path / "b.zip"), *fixed).returncode == 0
    assert (tmp_path / "a.zip").read_bytes() == (tmp_path / "b.zip").read_bytes()
    again = flask("b.db", "items", "import", str(tmp_path / "a.zip"), "--dry-run")
    assert again.stdout.count("[相同]") == 6
    assert "按当前选择导入将是:新增 0 / 更新 0 / 相同 6 / 跳过 0 / 错误 0" in again.stdout
    (tmp_path / "broken.zip").write_bytes((tmp_path / "a.zip").read_bytes()[:500])
    broken = flask("b.db", "items", "import", str(tmp_path / "broken.zip"))
    assert broken.returncode == 2 and "zip 文件损坏" in broken.stderr


def test_county_item_derived_from_a_provincial_base_merges_its_new_versions(app):
    with app.app_context():
        county = Department(code=make_uscc("11610424MB0000097"), name="秦源县住建局(派生)")
        db.session.add(county)
        db.session.flush()
        base_v1 = copy.deepcopy(PERMIT)
        entry = plan_import(as_bundle(base_v1), department=county)[0]
        apply_plan(as_bundle(base_v1), [entry], {entry.source_code: "replace"})
        db.session.commit()
        item = db.session.scalar(select(Item).where(Item.implementation_code == entry.target_code))
        assert item.base_code == PERMIT["implementation"]["implementation_code"]

        local = copy.deepcopy(latest_version(item).definition)  # the county's own edits
        local["guide"]["consult_phone"] = "0910-6512999"
        local["materials"][0]["acceptance_standard"] = "本县要求:加盖公章并签字。"
        publish(local)
        db.session.commit()

        assert plan_import(as_bundle(base_v1), department=county)[0].status == "identical"
        base_v2 = copy.deepcopy(base_v1)                        # the province's next version
        base_v2["materials"].append({**base_v2["materials"][1], "id": "energy_saving", "name": "节能审查意见"})
        base_v2["time_limits"]["legal"]["value"] = 12
        update = plan_import(as_bundle(base_v2), department=county)[0]
        assert update.status == "update" and "基础事项有新版本" in update.note
        assert {c.text for c in update.changes} >= {"新增 申请材料“节能审查意见”",
                                                    "修改 办理时限 › 法定办结时限 › 时限数值:15 → 12"}
        merged = update.definition
        assert merged["guide"]["consult_phone"] == "0910-6512999"
        assert merged["materials"][0]["acceptance_standard"] == "本县要求:加盖公章并签字。"
        assert merged["materials"][-1]["id"] == "energy_saving" and merged["time_limits"]["legal"]["value"] == 12
        assert merged["implementation"]["department"]["code"] == county.code
        apply_plan(as_bundle(base_v2), [update], {update.source_code: "replace"})
        db.session.commit()
        assert plan_import(as_bundle(base_v2), department=county)[0].status == "identical"


def test_two_bundle_items_for_one_local_item_cannot_both_be_written(app):
    """Two counties' versions of the same basic item, imported into one department: the second can
    only be skipped (before, choosing both created the first and crashed on the second)."""
    with app.app_context():
        county = Department(code=make_uscc("11610424MB0000096"), name="秦源县住建局(合并)")
        db.session.add(county)
        db.session.flush()
        other = copy.deepcopy(PERMIT)
        other_dept = make_uscc("11610425MB0000093")
        other["implementation"]["implementation_code"] = f"{other_dept}4{PERMIT['catalogue']['basic_code']}"
        other["implementation"]["department"] = {"name": "邻县住建局", "code": other_dept}
        bundle = as_bundle(PERMIT, other)
        first, second = plan_import(bundle, department=county)
        assert first.target_code == second.target_code and first.status == "new"
        assert second.status == "conflict" and second.allowed_choices == ("skip",) and "同一个本地事项" in second.note
        with pytest.raises(ImportRefused, match="不能选择"):
            apply_plan(bundle, [first, second], {first.source_code: "draft", second.source_code: "draft"})
        db.session.rollback()
        assert db.session.scalar(select(func.count()).select_from(Item)) == 0


def test_a_definition_without_the_keys_of_an_item_can_only_be_skipped(app):
    with app.app_context():
        broken = copy.deepcopy(PERMIT)
        del broken["implementation"]["department"]
        entry = plan_import(as_bundle(broken))[0]
        assert entry.status == "invalid" and entry.allowed_choices == ("skip",)


def test_a_definition_with_errors_imported_into_my_department_becomes_my_draft(app):
    """Skeleton items are incomplete: kept as drafts, they must still belong to the chosen department."""
    with app.app_context():
        mine = Department(code=make_uscc("11610424MB0000088"), name="秦源县行政审批服务局")
        db.session.add(mine)
        db.session.flush()
        incomplete = copy.deepcopy(PERMIT)
        incomplete["time_limits"]["promised"]["value"] = 999        # promised beyond the legal limit: an error
        entry = plan_import(as_bundle(incomplete), department=mine, allowed_department_ids=[mine.id])[0]
        assert entry.status == "invalid" and entry.allowed_choices == ("draft", "skip")
        assert entry.definition["implementation"]["department"]["code"] == mine.code
        apply_plan(as_bundle(incomplete), [entry], {entry.source_code: "draft"}, allowed_department_ids=[mine.id])
        item = db.session.scalar(select(Item).where(Item.implementation_code == entry.target_code))
        assert item.department_id == mine.id and item.draft is not None


def test_none_means_every_department_and_a_list_bounds_the_check_and_the_apply(app):
    """What the import job receives as ``allowed``: None for the system administrator (every department, and
    a department not here yet is created), a department administrator's ids otherwise — which bound the
    check (other departments' items: skip only) and, should a plan made with more rights reach it, the apply."""
    from tests.web.people import item_definition
    mine_code, theirs_code, absent_code = (make_uscc(f"11610424MB00000{n}") for n in (71, 72, 73))
    with app.app_context():
        mine, theirs = Department(code=mine_code, name="甲局(测试)"), Department(code=theirs_code, name="乙局(测试)")
        db.session.add_all([mine, theirs])
        db.session.flush()
        published = item_definition(theirs_code, "乙局(测试)", "000100000050", "乙局已有事项")
        publish(copy.deepcopy(published))
        db.session.commit()
        changed = copy.deepcopy(published)
        changed["catalogue"]["name"] = "乙局已有事项(修订)"
        docs = {"theirs, published": changed,
                "theirs, new": item_definition(theirs_code, "乙局(测试)", "000100000051", "乙局新事项"),
                "mine, new": item_definition(mine_code, "甲局(测试)", "000100000052", "甲局新事项"),
                "a department not here": item_definition(absent_code, "丙局(测试)", "000100000053", "丙局新事项")}
        bundle = as_bundle(*docs.values())
        label = {d["implementation"]["implementation_code"]: k for k, d in docs.items()}

        def statuses(allowed):
            return {label[e.source_code]: e.status for e in plan_import(bundle, allowed_department_ids=allowed)}
        assert statuses(None) == {"theirs, published": "update", "theirs, new": "new", "mine, new": "new",
                                  "a department not here": "new"}
        assert statuses([mine.id]) == {"theirs, published": "conflict", "theirs, new": "conflict",
                                       "mine, new": "new", "a department not here": "conflict"}

        everything = plan_import(bundle, allowed_department_ids=None)
        by_label = {label[e.source_code]: e for e in everything}
        for which, choice, refusal in (("theirs, new", "draft", "不是您管理的部门"),
                                       ("theirs, published", "draft", "属于其他部门"),
                                       ("theirs, published", "replace", "无权")):
            with pytest.raises(ImportRefused, match=refusal):
                apply_plan(bundle, [by_label[which]], {by_label[which].source_code: choice},
                           allowed_department_ids=[mine.id])
            db.session.rollback()
        assert db.session.scalar(select(func.count()).select_from(Item)) == 1   # nothing stayed behind

        counts = apply_plan(bundle, everything, {e.source_code: "replace" for e in everything},
                            allowed_department_ids=None)
        db.session.commit()
        assert counts["replace"] == 4
        absent = db.session.scalar(select(Department).where(Department.code == absent_code))
        assert absent is not None and db.session.scalar(select(func.count()).select_from(Item)) == 4
