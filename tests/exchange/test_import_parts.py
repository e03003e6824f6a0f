"""``items import`` of a split export: a folder (its .zip files in name order) or several bundle files,
imported one after another, each in its own transaction, stopping at the first part refused and naming it."""
from __future__ import annotations

import copy

import pytest
from sqlalchemy import select

from builder.exchange import limits
from builder.item_store import publish
from runtime.extensions import db
from runtime.models import Item
from tests.exchange.test_bundle import DOCS
from tests.exchange.two_instances import province, province_app  # noqa: F401

CODES = sorted(d["implementation"]["implementation_code"] for d in DOCS)


@pytest.fixture
def parts(province, tmp_path, monkeypatch):  # noqa: F811
    """The six example items exported by the province in three parts of two: items-001.zip … items-003.zip."""
    monkeypatch.setattr(limits, "MAX_ITEMS", 4)
    with province.app_context():
        for doc in DOCS:
            publish(copy.deepcopy(doc))
        db.session.commit()
    folder = tmp_path / "parts"
    folder.mkdir()
    exported = province.test_cli_runner().invoke(
        args=["items", "export", "--all", "--part-size", "2", "-o", str(folder / "items.zip")])
    assert exported.exit_code == 0, exported.output
    return folder


def imported_codes(app) -> list[str]:
    with app.app_context():
        return sorted(db.session.scalars(select(Item.implementation_code)))


def run(app, *args):
    return app.test_cli_runner().invoke(args=["items", "import", *map(str, args), "--default", "draft"])


def test_a_folder_imports_its_parts_in_name_order(app, parts):
    result = run(app, parts)
    assert result.exit_code == 0, result.output
    assert [line for line in result.output.splitlines() if line.startswith("==")] == [
        f"== 第 {n} / 3 部分:{parts / f'items-00{n}.zip'}" for n in (1, 2, 3)]
    assert result.output.count("导入完成") == 3 and "3 个部分已全部导入" in result.output
    assert imported_codes(app) == CODES


def test_several_files_import_in_the_order_given(app, parts):
    result = run(app, parts / "items-003.zip", parts / "items-001.zip")
    assert result.exit_code == 0, result.output
    assert result.output.index("items-003.zip") < result.output.index("items-001.zip")
    assert imported_codes(app) == sorted(CODES[:2] + CODES[4:])


def test_the_first_refused_part_stops_the_import_and_is_named(app, parts):
    broken = parts / "items-002.zip"
    broken.write_bytes(broken.read_bytes()[:-200])   # truncated on the way
    result = run(app, parts)
    assert result.exit_code == 2
    assert f"在第 2 / 3 部分 {broken} 停止:该部分未导入,之前的 1 个部分已导入,之后的 1 个部分未处理" in result.output
    assert f"修正后可从该部分继续:items import {broken} {parts / 'items-003.zip'}" in result.output
    assert "== 第 3 / 3 部分" not in result.output
    assert imported_codes(app) == CODES[:2]      # the first part stays imported; nothing of the others


def test_a_dry_run_of_a_folder_checks_every_part_and_writes_nothing(app, parts):
    result = app.test_cli_runner().invoke(args=["items", "import", str(parts), "--dry-run"])
    assert result.exit_code == 0, result.output
    assert result.output.count("试运行:共 2 个事项") == 3 and "3 个部分均已检查,未写入任何内容" in result.output
    assert imported_codes(app) == []


@pytest.mark.parametrize("make, message", [
    (lambda p: p / "missing.zip", "文件或文件夹不存在"),
    (lambda p: p, "中没有 .zip 交换包"),
])
def test_nothing_to_import_is_said_in_chinese(app, tmp_path, make, message):
    result = app.test_cli_runner().invoke(args=["items", "import", str(make(tmp_path))])
    assert result.exit_code == 2 and message in result.output


def test_the_same_part_twice_is_refused(app, parts):
    result = run(app, parts / "items-001.zip", parts)
    assert result.exit_code == 2 and "同一个交换包给出了两次" in result.output
    assert imported_codes(app) == []
