"""Reading a bundle is bounded: a small bundle cannot cost minutes or gigabytes, attachments pass the
same bomb check as uploads, and a definition of the wrong shape is refused naming its entry and key."""
from __future__ import annotations

import copy
import hashlib
import io
import json
import time
import tracemalloc
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from builder.exchange import limits
from builder.exchange.bundle import BundleError, read_bundle
from builder.exchange.limits import MAX_DEFINITION_VALUES, MAX_DEFINITIONS_VALUES, MAX_ITEMS, json_values_bound
from builder.exchange.plan import plan_import
from tests.exchange.test_bundle import DOCS, bundle, problems_of, rezip, with_definitions, with_manifest
from tests.security.test_uploads import docx

CODE = DOCS[0]["implementation"]["implementation_code"]


def raw_bundle(definitions: dict[str, bytes], listed=None) -> bytes:
    """A bundle of raw definition texts (any bytes), with a manifest of their right checksums."""
    items = [{"implementation_code": code, "sha256": hashlib.sha256(raw).hexdigest()}
             for code, raw in definitions.items()]
    manifest = {"bundle_format": "1", "schema_version": DOCS[0]["schema_version"], "exporter": "外县",
                "exported_at": "2026-11-24T00:00:00+00:00", "items": listed if listed is not None else items}
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("manifest.json", json.dumps(manifest))
        for code, raw in definitions.items():
            zf.writestr(f"items/{code}.json", raw)
    return out.getvalue()


def amplifier(code: str, values: int) -> bytes:
    """A definition that is mostly ``[{},{},…]``: 3 bytes each, ~36 bytes each once parsed."""
    return (b'{"implementation":{"implementation_code":"' + code.encode() + b'"},"x":['
            + b",".join([b"{}"] * values) + b"]}")


def test_the_value_bound_is_never_below_the_real_count():
    for doc in DOCS:
        raw = json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode()

        def count(x):
            if isinstance(x, dict):
                return 1 + sum(count(v) for v in x.values())
            if isinstance(x, list):
                return 1 + sum(count(v) for v in x)
            return 1
        assert count(doc) <= json_values_bound(raw) < 2 * count(doc)


def test_an_amplifying_definition_is_refused_before_it_is_parsed():
    data = raw_bundle({CODE: amplifier(CODE, MAX_DEFINITION_VALUES)})
    assert len(data) < 4096  # a few KB on the wire
    tracemalloc.start()
    try:
        problems = problems_of(data)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert problems == [f"items/{CODE}.json 结构过于庞大(超过 100,000 个值),拒绝解析"]
    assert peak < 10 * 1024 * 1024  # the raw 300 KB and little else; parsing would take ~7 MB more


def test_the_whole_bundle_has_a_value_budget():
    each = MAX_DEFINITION_VALUES // 2 - 10        # each ``{}`` counts twice (its brace and its comma)
    codes = [f"{CODE[:-4]}{n:04d}" for n in range(MAX_DEFINITIONS_VALUES // (2 * each) + 1)]
    definitions = {code: amplifier(code, each) for code in codes}
    assert all(json_values_bound(raw) <= MAX_DEFINITION_VALUES for raw in definitions.values())
    problems = problems_of(raw_bundle(definitions))
    assert problems == ["交换包中的事项定义合计超过 2,000,000 个值,请分成几个交换包导出"]


def test_a_code_listed_twice_is_refused_at_once():
    entry = {"implementation_code": CODE, "sha256": "0" * 64}
    data = with_manifest(bundle(DOCS[:2]), items=[entry] * 2500)
    started = time.monotonic()
    assert problems_of(data) == [f"事项清单中有重复的实施编码:{CODE}(2500 次)"]
    assert time.monotonic() - started < 1
    doubled = with_manifest(bundle(DOCS[:1]), items=[{"implementation_code": CODE,
                                                      "sha256": "0" * 64}] * 2)
    assert problems_of(doubled) == [f"事项清单中有重复的实施编码:{CODE}(2 次)"]


def test_too_many_items_are_refused_with_a_way_out():
    listed = [{"implementation_code": f"{CODE[:-5]}{n:05d}", "sha256": "0" * 64} for n in range(MAX_ITEMS + 1)]
    assert problems_of(with_manifest(bundle(DOCS[:1]), items=listed)) == [
        "交换包中的事项超过 3000 个,请分成几个交换包导出(例如按部门)"]


def test_definitions_declaring_too_many_bytes_are_refused_before_reading(monkeypatch):
    monkeypatch.setattr(limits, "MAX_DEFINITIONS_BYTES", 10_000)  # the real cap is 100 MB
    [problem] = problems_of(bundle(DOCS[:2]))
    assert problem.startswith("交换包中的事项定义合计超过") and problem.endswith("请分成几个交换包导出")


def test_deep_nesting_is_refused_not_a_crash():
    deep = b'{"implementation":{"implementation_code":"' + CODE.encode() + b'"},"x":' + b"[" * 90_000 + \
        b"]" * 90_000 + b"}"
    assert problems_of(raw_bundle({CODE: deep})) == [f"items/{CODE}.json 不是有效的 JSON(JSON 嵌套过深(最多 64 层))"]


def test_attachments_get_the_upload_bomb_check():
    bomb = docx(b"\x00" * (20 * 1024 * 1024))      # 20 MB of zeros pack to ~20 KB: a 1000x ratio
    sha = hashlib.sha256(bomb).hexdigest()
    doc = copy.deepcopy(DOCS[0])
    doc["materials"][0]["blank_form"] = {"name": "申请书.docx", "sha256": sha}
    assert problems_of(bundle([doc], {sha: bomb})) == [f"附件 {sha[:12]}… 解压后过大(疑似压缩炸弹),拒绝导入"]
    honest = docx(b"<w:document>" + "申请书".encode() * 500 + b"</w:document>")
    sha = hashlib.sha256(honest).hexdigest()
    doc["materials"][0]["blank_form"] = {"name": "申请书.docx", "sha256": sha}
    assert read_bundle(bundle([doc], {sha: honest})).files == {sha: honest}


@pytest.mark.parametrize("key,value,problem", [
    ("catalogue", [1, 2], "键 catalogue 应为 JSON 对象,实际是数组"),
    ("catalogue", "建筑工程施工许可", "键 catalogue 应为 JSON 对象,实际是字符串"),
    ("department", 7, "键 implementation.department 应为 JSON 对象,实际是数字"),
])
def test_sections_of_the_wrong_type_name_the_entry_and_key(key, value, problem):
    def edit(doc):
        (doc["implementation"] if key == "department" else doc)[key] = value
        return doc
    assert problems_of(with_definitions(bundle(DOCS[:1]), edit)) == [f"items/{CODE}.json:{problem}"]


JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=5),
                    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
                    max_leaves=6)
SECTIONS = ["catalogue", "implementation.department", "guide", "form", "materials", "rules", "fees", "time_limits",
            "process", "documents", "catalogue.basic_code", "catalogue.name", "implementation.department.code",
            "implementation.implementing_body", "time_limits.promised", "guide.locations", "documents.issuer"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow])
@given(path=st.sampled_from(SECTIONS), value=JSON, mode=st.sampled_from(["catalogue", "full"]))
def test_any_shape_is_refused_or_planned_never_a_crash(app, path, value, mode):
    """Whatever a section holds, reading refuses it in Chinese or planning reports it: no exception."""
    from builder.item_store import publish
    from runtime.extensions import db
    from runtime.models import Department
    from tests.engine.factories import make_uscc

    def edit(doc):
        *parents, last = path.split(".")
        target = doc
        for key in parents:
            target = target[key]
        target[last] = value
        return doc
    data = with_definitions(bundle(DOCS[:1]), edit)
    try:
        read = read_bundle(data)
    except BundleError as exc:
        assert exc.problems and all(p.startswith(f"items/{CODE}.json") for p in exc.problems)
        return
    with app.app_context():
        county = Department(code=make_uscc("11610424MB0000077"), name="秦源县(测试)", abbreviation="秦")
        db.session.add(county)
        publish(copy.deepcopy(DOCS[0]))        # planned as an update of it (None), or new for the county
        db.session.flush()
        for department in (None, county):
            assert len(plan_import(read, department=department, mode=mode)) == 1
        db.session.rollback()


def test_a_missing_basic_code_is_reported_by_the_cli_without_a_traceback(app, tmp_path):
    def drop(doc):
        del doc["catalogue"]["basic_code"]
        return doc
    path = tmp_path / "broken.zip"
    path.write_bytes(with_definitions(bundle(DOCS[:1]), drop))
    result = app.test_cli_runner().invoke(args=["items", "import", str(path), "--dry-run"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert "Traceback" not in result.output and "basic_code" in result.output
    listed = path.with_name("list.zip")
    listed.write_bytes(with_definitions(bundle(DOCS[:1]), lambda d: {**d, "catalogue": []}))
    result = app.test_cli_runner().invoke(args=["items", "import", str(listed), "--dry-run"])
    assert result.exit_code == 2 and f"items/{CODE}.json:键 catalogue 应为 JSON 对象,实际是数组" in result.output


@pytest.mark.parametrize("rule, words", [
    ({"reduce": [list(range(40)), {"cat": [{"var": "accumulator"}, {"var": "accumulator"}]}, "x"]}, "成倍增长"),
    ({"some": [list(range(1000)), {"some": [list(range(1000)), {"some": [list(range(1000)), False]}]}]}, "嵌套过多"),
])
@pytest.mark.parametrize("mode", ["catalogue", "full"])
def test_a_dry_run_import_of_a_costly_definition_ends_at_once(app, tmp_path, rule, words, mode):
    """Before the cost limits, validating such a definition evaluated its constant condition: a dry run ran
    out of memory or for minutes (issue #17 §1). Now the lint refuses it without evaluating anything."""
    def costly(doc):
        doc["rules"] = [{"id": "costly", "when": rule, "message": "永不", "severity": "warning"}]
        return doc
    path = tmp_path / "costly.zip"
    path.write_bytes(with_definitions(bundle(DOCS[:1]), costly))
    started = time.perf_counter()
    result = app.test_cli_runner().invoke(args=["items", "import", str(path), "--mode", mode, "--dry-run"])
    assert time.perf_counter() - started < 10.0   # a guard against hanging, not a speed test
    assert "Traceback" not in result.output and words in result.output, result.output
