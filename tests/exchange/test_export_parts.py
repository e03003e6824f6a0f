"""Export at scale: a selection larger than one bundle is refused before anything is written, or written
per department or in parts that each pass the reader's caps (the same caps: builder/exchange/limits.py)."""
from __future__ import annotations

import copy
import io
import zipfile

import pytest

from builder.exchange import export as export_module
from builder.exchange import limits
from builder.exchange.bundle import read_bundle
from builder.item_store import publish
from runtime.extensions import db
from runtime.stored_files import save_file
from tests.exchange.test_bundle import DOCS, PDF, SHA
from tests.exchange.two_instances import province, province_app  # noqa: F401

CODES = sorted(d["implementation"]["implementation_code"] for d in DOCS)


@pytest.fixture
def published(app):
    """The six example items, published; two of them carry the same stored blank form."""
    with app.app_context():
        save_file(PDF)
        for n, doc in enumerate(DOCS):
            doc = copy.deepcopy(doc)
            if n in (0, 3):
                doc["materials"][0]["blank_form"] = {"name": "申请书.pdf", "sha256": SHA}
            publish(doc)
        db.session.commit()
    return app


def _export(app, tmp_path, *args):
    return app.test_cli_runner().invoke(args=["items", "export", *args, "-o", str(tmp_path / "items.zip")])


def _codes(path) -> list[str]:
    return sorted(read_bundle(path.read_bytes()).definitions)


def test_more_items_than_a_bundle_holds_is_refused_up_front(published, tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "MAX_ITEMS", 4)
    result = _export(published, tmp_path, "--all")
    assert result.exit_code == 2
    assert "所选的 6 个事项超过一个交换包可导入的上限" in result.output and "--part-size" in result.output
    assert list(tmp_path.iterdir()) == []    # nothing written


def test_parts_of_a_given_size_each_import(published, tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "MAX_ITEMS", 4)
    result = _export(published, tmp_path, "--all", "--part-size", "4")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["items-001.zip", "items-002.zip"]
    first, second = _codes(tmp_path / "items-001.zip"), _codes(tmp_path / "items-002.zip")
    assert first == CODES[:4] and second == CODES[4:]
    # each part carries the attachments of its own items, once
    for part in ("items-001.zip", "items-002.zip"):
        bundle = read_bundle((tmp_path / part).read_bytes())
        wanted = {SHA} if any("申请书.pdf" in str(d) for d in bundle.definitions.values()) else set()
        assert set(bundle.files) == wanted


@pytest.mark.parametrize("size", ["0", "4"])
def test_a_part_size_beyond_the_import_cap_is_refused(published, tmp_path, monkeypatch, size):
    monkeypatch.setattr(limits, "MAX_ITEMS", 3)
    result = _export(published, tmp_path, "--all", "--part-size", size)
    assert result.exit_code == 2 and "每部分的事项数应在 1 到 3 之间" in result.output
    assert list(tmp_path.iterdir()) == []


def test_a_part_closes_early_at_a_byte_cap(published, tmp_path, monkeypatch):
    """Parts of 3,000 items, but the definitions' byte cap holds about two of the examples: the parts
    close before the cap, and every one passes the reader under the same cap."""
    biggest = max(len(export_module.PreparedItem.of(d, 1).text) for d in DOCS)
    monkeypatch.setattr(limits, "MAX_DEFINITIONS_BYTES", 2 * biggest + 10)
    result = _export(published, tmp_path, "--all", "--part-size", "3000")
    assert result.exit_code == 0, result.output
    parts = sorted(tmp_path.iterdir())
    assert len(parts) >= 3
    assert sorted(code for part in parts for code in _codes(part)) == CODES


def test_without_parts_a_byte_cap_stops_the_export_and_leaves_no_file(published, tmp_path, monkeypatch):
    biggest = max(len(export_module.PreparedItem.of(d, 1).text) for d in DOCS)
    monkeypatch.setattr(limits, "MAX_DEFINITIONS_BYTES", 2 * biggest + 10)
    result = _export(published, tmp_path, "--all")
    assert result.exit_code == 1 and "超过一个交换包可导入的上限" in result.output
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("cap,problem", [("MAX_DEFINITION_BYTES", "事项定义超过"), ("MAX_FILE_BYTES", "有附件超过")])
def test_an_item_no_bundle_can_hold_is_named(published, tmp_path, monkeypatch, cap, problem):
    biggest = max(len(export_module.PreparedItem.of(d, 1).text) for d in DOCS)
    monkeypatch.setattr(limits, cap, biggest - 1 if cap == "MAX_DEFINITION_BYTES" else len(PDF) - 1)
    result = _export(published, tmp_path, "--all", "--part-size", "3000")
    assert result.exit_code == 1 and "无法导出:" + problem in result.output, result.output
    assert list(tmp_path.iterdir()) == []


def test_one_bundle_per_department(published, tmp_path):
    result = _export(published, tmp_path, "--all", "--per-department")
    assert result.exit_code == 0, result.output
    by_department: dict[str, list] = {}
    for doc in DOCS:
        by_department.setdefault(doc["implementation"]["department"]["code"], []).append(
            doc["implementation"]["implementation_code"])
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(f"items-{d}.zip" for d in by_department)
    for department, codes in by_department.items():
        assert _codes(tmp_path / f"items-{department}.zip") == sorted(codes)


def test_the_same_content_gives_the_same_bytes(published, tmp_path):
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        assert _export(published, tmp_path / name, "--all", "--time", "2026-12-01T00:00:00+00:00",
                       "--exporter", "秦源县").exit_code == 0
    assert (tmp_path / "a/items.zip").read_bytes() == (tmp_path / "b/items.zip").read_bytes()


def test_rows_come_in_chunks_in_code_order(published, monkeypatch):
    monkeypatch.setattr(export_module, "CHUNK", 4)   # 6 items: a full chunk, then a short one
    with published.app_context():
        rows = list(export_module.Selection().rows())
    assert [d["implementation"]["implementation_code"] for d, _ in rows] == CODES
    assert {n for _, n in rows} == {1}


def test_the_builder_refuses_an_export_larger_than_a_bundle_and_states_the_limits(published, client, monkeypatch):
    from sqlalchemy import select

    from runtime.models import Item
    from tests.conftest import csrf_token, login
    from tests.web.people import PASSWORD, build_world
    with published.app_context():
        build_world()   # two more items, and the system administrator
        codes = sorted(db.session.scalars(select(Item.implementation_code)))
    login(client, "sys", PASSWORD)
    page = client.get("/builder/exchange/").get_data(as_text=True)
    assert "一个交换包的上限(导出和导入一致):每个交换包最多 3,000 个事项" in page
    assert page.count('name="code"') == 8 and "仅列出" not in page
    monkeypatch.setattr("builder.exchange_pages.LISTED", 3)
    listed = client.get("/builder/exchange/").get_data(as_text=True)
    assert listed.count('name="code"') == 3 and "仅列出 8 个已发布事项中的前 3 个;其余事项请在下方按部门导出" in listed
    monkeypatch.setattr(limits, "MAX_ITEMS", 7)
    refused = client.post("/builder/exchange/export", data={"csrf_token": csrf_token(page), "scope": "all"},
                          follow_redirects=True)
    assert refused.mimetype == "text/html"
    assert "所选的 8 个事项超过一个交换包可导入的上限" in refused.get_data(as_text=True)
    monkeypatch.setattr(limits, "MAX_ITEMS", 8)
    exported = client.post("/builder/exchange/export", data={"csrf_token": csrf_token(page), "scope": "all"})
    assert exported.mimetype == "application/zip"
    names = zipfile.ZipFile(io.BytesIO(exported.data)).namelist()
    assert names == [f"items/{c}.json" for c in codes] + [f"files/{SHA}", "manifest.json"]


def test_the_parts_import_one_after_another_into_another_instance(app, province, tmp_path, monkeypatch):  # noqa: F811
    from sqlalchemy import func, select

    from runtime.models import Item
    monkeypatch.setattr(limits, "MAX_ITEMS", 4)
    with province.app_context():
        for doc in DOCS:
            publish(copy.deepcopy(doc))
        db.session.commit()
    exported = province.test_cli_runner().invoke(
        args=["items", "export", "--all", "--part-size", "4", "-o", str(tmp_path / "items.zip")])
    assert exported.exit_code == 0, exported.output
    for part in sorted(tmp_path.glob("items-*.zip")):
        imported = app.test_cli_runner().invoke(args=["items", "import", str(part), "--default", "draft"])
        assert imported.exit_code == 0 and "错误 0" in imported.output, imported.output
    with app.app_context():
        assert sorted(db.session.scalars(select(Item.implementation_code))) == CODES
        assert db.session.scalar(select(func.count()).select_from(Item)) == 6
