"""The bundle format on its own: deterministic writing, and hostile bundles refused with every
problem listed — never another exception."""
import copy
import hashlib
import io
import json
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from builder.exchange.bundle import BundleError, read_bundle, write_bundle
from runtime.engine.definition import canonical_json

ROOT = Path(__file__).resolve().parents[2]
DOCS = [json.loads(p.read_text("utf-8")) for p in sorted((ROOT / "item_defs").glob("*.json"))]
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"
SHA = hashlib.sha256(PDF).hexdigest()


def bundle(docs=None, files=None, **kw):
    return write_bundle([(d, 1) for d in (docs or DOCS)], files if files is not None else {},
                        exporter=kw.get("exporter", "秦源县"), exported_at="2026-11-24T00:00:00+00:00")


def rezip(data: bytes, change) -> bytes:
    """Rewrite a bundle's entries through ``change(name, bytes) -> [(name, bytes)]``."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            for name, content in change(info.filename, src.read(info)):
                dst.writestr(name, content)
    return out.getvalue()


def problems_of(data: bytes) -> list[str]:
    with pytest.raises(BundleError) as exc:
        read_bundle(data)
    return exc.value.problems


def test_same_content_gives_the_same_bytes_whatever_the_order():
    assert bundle() == bundle(list(reversed(DOCS)))
    read = read_bundle(bundle())
    assert sorted(read.definitions) == sorted(d["implementation"]["implementation_code"] for d in DOCS)
    assert all(canonical_json(read.definitions[d["implementation"]["implementation_code"]]) == canonical_json(d)
               for d in DOCS)


def test_attached_files_travel_by_hash():
    doc = copy.deepcopy(DOCS[0])
    doc["materials"][0]["blank_form"] = {"name": "申请书.pdf", "sha256": SHA}
    read = read_bundle(bundle([doc], {SHA: PDF}))
    assert read.files == {SHA: PDF}
    assert any("缺少附件" in p for p in problems_of(bundle([doc], {})))
    fake = b"<html>not a form</html>"
    sha = hashlib.sha256(fake).hexdigest()
    doc["materials"][0]["blank_form"] = {"name": "x.pdf", "sha256": sha}
    assert any("不是允许的文件格式" in p for p in problems_of(bundle([doc], {sha: fake})))


def test_truncated_and_garbage_files():
    data = bundle()
    assert problems_of(data[: len(data) // 2]) == ["不是有效的事项交换包(zip 文件损坏或不完整)"]
    assert problems_of(b"") == ["不是有效的事项交换包(zip 文件损坏或不完整)"]


def test_tampered_definition_fails_its_checksum():
    def tamper(name, content):
        if name.startswith("items/") and b"\xe4\xb9\xa1" not in content[:0]:
            content = content.replace("秦源县".encode(), "外县".encode(), 1)
        return [(name, content)]
    assert any("校验值不符" in p for p in problems_of(rezip(bundle(DOCS[:1]), tamper)))


def test_path_traversal_and_stray_names_are_refused():
    for evil in ("../../etc/passwd", "/abs/path", "items/../../x.json", "other.txt"):
        data = rezip(bundle(DOCS[:1]), lambda n, c: [(n, c)] + ([(evil, b"x")] if n == "manifest.json" else []))
        assert any("不允许的文件名" in p for p in problems_of(data)), evil


def test_invalid_json_newer_format_and_missing_parts():
    data = rezip(bundle(DOCS[:1]), lambda n, c: [(n, b"{not json" if n == "manifest.json" else c)])
    assert any("不是有效的 JSON" in p for p in problems_of(data))

    def newer(name, content):
        if name == "manifest.json":
            manifest = json.loads(content)
            manifest["bundle_format"] = "7"
            content = json.dumps(manifest).encode()
        return [(name, content)]
    assert problems_of(rezip(bundle(DOCS[:1]), newer)) == ["交换包格式版本 7 比本系统支持的 1 更新,请升级系统后再导入"]
    no_items = rezip(bundle(DOCS[:1]), lambda n, c: [] if n.startswith("items/") else [(n, c)])
    assert any("缺少事项定义文件" in p for p in problems_of(no_items))


def test_oversized_entry_is_refused_without_reading_it():
    huge = b"0" * (5 * 1024 * 1024)
    data = rezip(bundle(DOCS[:1]), lambda n, c: [(n, huge if n.startswith("items/") else c)])
    assert any("过大" in p for p in problems_of(data))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_any_corruption_gives_bundle_error_or_a_valid_bundle(data):
    original = bundle(DOCS[:2])
    position = data.draw(st.integers(0, len(original) - 1))
    replacement = data.draw(st.binary(min_size=1, max_size=8))
    corrupted = original[:position] + replacement + original[position + len(replacement):]
    try:
        read = read_bundle(corrupted)
    except BundleError as exc:
        assert exc.problems and all(isinstance(p, str) and p for p in exc.problems)
    else:  # a corruption that zip and checksums cannot see leaves the content intact
        assert sorted(read.definitions) == sorted(d["implementation"]["implementation_code"] for d in DOCS[:2])


def with_manifest(data: bytes, **changes) -> bytes:
    def change(name, content):
        if name == "manifest.json":
            manifest = json.loads(content)
            manifest.update(changes)
            content = json.dumps(manifest, ensure_ascii=False).encode()
        return [(name, content)]
    return rezip(data, change)


def with_definitions(data: bytes, edit) -> bytes:
    """Rewrite every definition through ``edit`` and fix the manifest's checksums to match."""
    contents = {}
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        for name in zf.namelist():
            contents[name] = zf.read(name)
    manifest = json.loads(contents["manifest.json"])
    for entry in manifest["items"]:
        name = f"items/{entry['implementation_code']}.json"
        contents[name] = json.dumps(edit(json.loads(contents[name])), ensure_ascii=False).encode()
        entry["sha256"] = hashlib.sha256(contents[name]).hexdigest()
    contents["manifest.json"] = json.dumps(manifest, ensure_ascii=False).encode()
    return rezip(data, lambda n, c: [(n, contents[n])])


def test_format_1_is_the_only_one_older_formats_are_refused_clearly():
    data = bundle(DOCS[:1])
    assert problems_of(with_manifest(data, bundle_format="0")) == [
        "交换包格式版本 0 早于本系统支持的 1,本系统没有从该版本升级的迁移,无法导入;请用较新的系统重新导出"]
    assert problems_of(with_manifest(data, bundle_format="1.5")) == ["无法识别的交换包格式版本“1.5”"]
    assert problems_of(with_manifest(data, bundle_format="01")) == ["无法识别的交换包格式版本“01”"]
    assert problems_of(with_manifest(data, bundle_format=None)) == ["manifest.json 缺少交换包格式版本(bundle_format)"]
    assert read_bundle(with_manifest(data, bundle_format=1)).notes == []  # a number is read like the string


def test_an_older_bundle_format_goes_through_its_registered_migration(monkeypatch):
    """Format 1 is the first one, so the registry is empty; this registers a pretend format 0 whose
    manifest called the exporter ``county``, and checks the reader upgrades through the hook."""
    from builder.exchange import format_migrations

    def from_0(manifest, definitions):
        manifest = {**manifest, "exporter": manifest.pop("county")}
        return manifest, definitions
    monkeypatch.setitem(format_migrations.MIGRATIONS, 0, (1, from_0))
    old = with_manifest(bundle(DOCS[:1]), bundle_format="0", county="老系统县")
    read = read_bundle(with_manifest(old, exporter=None))
    assert read.manifest["exporter"] == "老系统县" and read.manifest["bundle_format"] == "1"
    assert read.notes == ["交换包格式版本 0 已升级为 1"]
    monkeypatch.setitem(format_migrations.MIGRATIONS, 0, (1, lambda m, d: 1 / 0))
    assert problems_of(old) == ["交换包格式版本 0 升级失败:division by zero"]
    monkeypatch.setitem(format_migrations.MIGRATIONS, 0, (0, from_0))  # a registry loop is refused, not followed
    assert "没有从该版本升级的迁移" in problems_of(old)[0]


def test_older_and_newer_definition_schema_versions(monkeypatch):
    from runtime.engine import definition_migrations
    from runtime.engine.validation import validate_definition
    code = DOCS[0]["implementation"]["implementation_code"]

    def as_0_9(doc):  # a pretend 0.9: the item's name was catalogue.title
        doc["schema_version"] = "0.9"
        doc["catalogue"]["title"] = doc["catalogue"].pop("name")
        return doc
    old = with_definitions(bundle(DOCS[:1]), as_0_9)
    assert problems_of(old) == [f"items/{code}.json:格式版本 0.9 早于本系统支持的 1.0,本系统没有从该版本升级的迁移,"
                                "无法使用;请用较新的系统重新导出"]

    def from_0_9(doc):
        doc["catalogue"]["name"] = doc["catalogue"].pop("title")
        return doc
    monkeypatch.setitem(definition_migrations.MIGRATIONS, "0.9", ("1.0", from_0_9))
    read = read_bundle(old)
    assert canonical_json(read.definitions[code]) == canonical_json(DOCS[0])
    assert not [p for p in validate_definition(read.definitions[code]) if p.severity == "error"]
    assert read.notes == [f"{code}:事项定义格式版本 0.9 已升级为 1.0"]

    newer = with_definitions(bundle(DOCS[:1]), lambda d: {**d, "schema_version": "2.0"})
    assert problems_of(newer) == [f"items/{code}.json:格式版本 2.0 比本系统支持的 1.0 更新,请升级系统后再导入"]
    assert problems_of(with_manifest(bundle(DOCS[:1]), schema_version="3.1")) == [
        "manifest.json 中的事项定义格式版本:格式版本 3.1 比本系统支持的 1.0 更新,请升级系统后再导入"]


VERSIONS = st.one_of(st.none(), st.booleans(), st.integers(-5, 5), st.floats(allow_nan=True),
                     st.text(max_size=6), st.sampled_from(["0", "1", "2", "0.9", "1.0", "2.0", "1.0.1", "01", "-1"]),
                     st.lists(st.integers(), max_size=2), st.dictionaries(st.text(max_size=2), st.integers(), max_size=1))


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(bundle_format=VERSIONS, manifest_schema=VERSIONS, definition_schema=VERSIONS)
def test_any_version_values_are_read_or_refused_in_chinese(bundle_format, manifest_schema, definition_schema):
    data = with_definitions(bundle(DOCS[:1]), lambda d: {**d, "schema_version": definition_schema})
    data = with_manifest(data, bundle_format=bundle_format, schema_version=manifest_schema)
    try:
        read = read_bundle(data)
    except BundleError as exc:
        assert exc.problems and all(isinstance(p, str) and p for p in exc.problems)
    else:
        assert str(bundle_format) == "1" and not isinstance(bundle_format, bool)
