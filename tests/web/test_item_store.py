"""Published versions: idempotent loading, immutability, the items CLI against stored items."""
import json

import pytest
from sqlalchemy import func, select

from builder.item_store import PublishRefused, latest_definition, publish
from runtime.extensions import db
from runtime.models import Item, ItemVersion
from runtime.models.item import ItemVersionImmutable
from tests.web.people import DEPT_A, item_definition


def doc():
    return item_definition(DEPT_A, "秦源县甲局", "000100000001", "甲局事项")


def test_publish_is_idempotent_and_numbers_versions(app):
    with app.app_context():
        first = publish(doc())
        again = publish(doc())
        assert first.created and not again.created and again.version.number == 1
        changed = doc()
        changed["guide"]["consult_phone"] = "0910-6500001"
        second = publish(changed)
        db.session.commit()
        assert second.created and second.version.number == 2
        assert second.item.current_version == 2
        assert latest_definition(changed["implementation"]["implementation_code"])["guide"]["consult_phone"] == "0910-6500001"


def test_invalid_definition_is_refused_with_problems(app):
    bad = doc()
    bad["time_limits"]["promised"]["value"] = 99
    with app.app_context():
        with pytest.raises(PublishRefused) as exc:
            publish(bad)
        assert exc.value.problems
        assert db.session.scalar(select(func.count(Item.id))) == 0


def test_published_versions_cannot_change(app):
    with app.app_context():
        version = publish(doc()).version
        db.session.commit()
        version.note = "改"
        with pytest.raises(ItemVersionImmutable):
            db.session.commit()
        db.session.rollback()
        db.session.delete(db.session.get(ItemVersion, version.id))
        with pytest.raises(ItemVersionImmutable):
            db.session.commit()
        db.session.rollback()


def test_publish_refuses_other_departments(app):
    with app.app_context():
        with pytest.raises(PublishRefused):
            publish(doc(), allowed_department_ids=[])


def test_items_load_cli_is_idempotent(app, tmp_path):
    path = tmp_path / "a.json"
    path.write_text(json.dumps(doc(), ensure_ascii=False), encoding="utf-8")
    runner = app.test_cli_runner()
    first = runner.invoke(args=["items", "load", str(path)])
    assert first.exit_code == 0 and "已发布第 1 版" in first.output
    second = runner.invoke(args=["items", "load", str(path)])
    assert second.exit_code == 0 and "未变化" in second.output
    with app.app_context():
        assert db.session.scalar(select(func.count(ItemVersion.id))) == 1


def test_items_load_reports_invalid_and_unreadable(app, tmp_path):
    bad = doc()
    bad["catalogue"]["name"] = ""
    (tmp_path / "bad.json").write_text(json.dumps(bad), encoding="utf-8")
    runner = app.test_cli_runner()
    result = runner.invoke(args=["items", "load", str(tmp_path / "bad.json")])
    assert result.exit_code == 1 and "catalogue.name" in result.output
    (tmp_path / "broken.json").write_text("{", encoding="utf-8")
    result = runner.invoke(args=["items", "load", str(tmp_path / "broken.json")])
    assert result.exit_code == 2 and "不是有效的 JSON" in result.output


def test_validate_and_check_stored_items(app, tmp_path):
    with app.app_context():
        publish(doc())
        db.session.commit()
    code = doc()["implementation"]["implementation_code"]
    runner = app.test_cli_runner()
    assert runner.invoke(args=["items", "validate", code]).exit_code == 0
    assert "不是已入库事项" in runner.invoke(args=["items", "validate", "NOPE"]).output
    from tests.engine.factories import application
    (tmp_path / "app.json").write_text(json.dumps(application(), ensure_ascii=False), encoding="utf-8")
    result = runner.invoke(args=["items", "check", code, str(tmp_path / "app.json"), "--today", "2026-11-02"])
    assert result.exit_code == 0, result.output
    result_json = json.loads(result.output)
    assert result_json["outcome"] == "acceptable"  # the factory application is complete for this item
    assert result_json["deadlines"]["received_on"] == "2026-11-02"
