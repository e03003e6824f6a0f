"""The import report reads like a person wrote it, the CLI leaves an audit trail, and versions the
docs promise to refuse are refused (issue #24 §4)."""
import copy
import json
from pathlib import Path

from sqlalchemy import select

from builder.exchange.bundle import read_bundle
from builder.exchange.export import export_items, select_items
from builder.item_store import latest_version, publish
from runtime.engine import definition_migrations
from runtime.engine.definition_diff import diff_definitions
from runtime.extensions import db
from runtime.models import AuditEvent, Department, Item
from tests.engine.factories import make_uscc
from tests.exchange.test_bundle import bundle, problems_of, with_manifest
from tests.exchange.two_instances import province, province_app  # noqa: F401 - fixtures

ROOT = Path(__file__).resolve().parents[2]
PERMIT = json.loads((ROOT / "item_defs/construction-permit.json").read_text("utf-8"))
BASE_CODE = PERMIT["implementation"]["implementation_code"]


def test_a_change_near_the_end_of_a_long_text_shows_the_differing_part():
    revised = copy.deepcopy(PERMIT)
    revised["catalogue"]["legal_basis"][0]["text"] += "(2026年修订)"
    [change] = diff_definitions(PERMIT, revised)
    assert change.text == ("修改 基本目录要素 › 设定依据“《中华人民共和国建筑法》” › 条文内容:"
                           "…限额以下的小型工程除外。 → …限额以下的小型工程除外。(2026年修订)")
    revised["catalogue"]["legal_basis"][0]["text"] = PERMIT["catalogue"]["legal_basis"][0]["text"].replace(
        "建设单位", "建设方")
    assert "建设方" in diff_definitions(PERMIT, revised)[0].text


def test_a_manifest_of_an_older_schema_without_a_migration_is_refused(monkeypatch):
    old = with_manifest(bundle([PERMIT]), schema_version="0.9")
    assert problems_of(old) == ["manifest.json 中的事项定义格式版本:格式版本 0.9 早于本系统支持的 1.0,"
                                "本系统没有从该版本升级的迁移,无法使用;请用较新的系统重新导出"]
    monkeypatch.setitem(definition_migrations.MIGRATIONS, "0.9", ("1.0", lambda doc: doc))
    assert read_bundle(old).definitions  # with a registered migration it is read


def test_a_cli_import_that_publishes_writes_an_audit_row_and_the_history_says_what_merged(app, province, tmp_path):
    """Province and county on two databases; the county imports with ``flask items import``."""
    county_code = make_uscc("11610424MB0000066")
    local_code = f"{county_code}4{PERMIT['catalogue']['basic_code']}"
    bundle_file = tmp_path / "province.zip"

    def province_exports(doc):
        with province.app_context():
            publish(copy.deepcopy(doc))
            db.session.commit()
            bundle_file.write_bytes(export_items(select_items([BASE_CODE]), exporter="陕西省住房和城乡建设厅",
                                                 exported_at="2026-12-01T00:00:00+00:00"))

    def county_cli(*args):
        result = app.test_cli_runner().invoke(args=["items", "import", str(bundle_file), "--department", county_code,
                                                    *args])
        assert result.exit_code == 0, result.output
        return result.output

    with app.app_context():
        db.session.add(Department(code=county_code, name="秦源县住房和城乡建设局"))
        db.session.commit()
    province_exports(PERMIT)
    county_cli("--default", "replace")
    with app.app_context():
        local = copy.deepcopy(latest_version(db.session.scalar(select(Item).where(
            Item.implementation_code == local_code))).definition)
        local["guide"]["consult_phone"] = "0910-6512999"
        publish(local)
        db.session.commit()
    v2 = copy.deepcopy(PERMIT)
    v2["guide"]["consult_phone"] = "029-88888888"
    v2["guide"]["fee_note"] = "配套费按省级 2026 年标准征收。"
    province_exports(v2)
    report = county_cli("--dry-run")
    assert "采用省级变化:\n    修改 办事指南 › 收费说明" in report
    assert "保留本地(本地实施要素):\n    修改 办事指南 › 咨询电话:0910-6512480 → 029-88888888" in report
    county_cli("--default", "replace")
    with app.app_context():
        rows = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "import",
                                                           AuditEvent.object_type == "Bundle")).all()
        assert len(rows) == 2 and rows[-1].username == "命令行 items import"
        assert "发布新版本 1 个" in rows[-1].summary and "陕西省住房和城乡建设厅" in rows[-1].summary
        item = db.session.scalar(select(Item).where(Item.implementation_code == local_code))
        note = latest_version(item).note
        assert note == f"导入:合并基础事项 {BASE_CODE} 第 1 版 → 第 2 版;保留本地:办事指南 › 咨询电话"
        assert item.base_version == 2


def test_a_merge_of_odd_keys_reports_without_crashing():
    """Drafts may hold invalid definitions; keys with "." or "[" must not break the report's labels."""
    from builder.exchange.base_merge import merge_base_update
    ancestor = copy.deepcopy(PERMIT)
    ancestor["guide"]["a.b[x"] = "原值"
    mine, theirs = copy.deepcopy(ancestor), copy.deepcopy(ancestor)
    mine["guide"]["a.b[x"], theirs["guide"]["a.b[x"] = "县里", "省里"
    merge = merge_base_update(ancestor, mine, theirs)
    [conflict] = merge.conflicts
    assert conflict.kept == "local" and "县里" in conflict.text and merge.definition["guide"]["a.b[x"] == "县里"
