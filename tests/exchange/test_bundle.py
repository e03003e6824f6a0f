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
