"""Bundles are read as strict JSON (issue #17 §2-§3): a definition nested 100,000 deep or holding NaN is a
listed problem with its reason, never a RecursionError or a NaN that PostgreSQL refuses later."""
import hashlib
import json

import pytest

from tests.exchange.test_bundle import DOCS, bundle, problems_of, rezip

DEEP = b"[" * 100_000 + b"]" * 100_000
# Deep enough for any recursive parser, within the bundle's cap on values (100,000 per definition, which
# refuses DEEP itself before parsing: tests/exchange/test_bundle_limits.py)
DEEP_DEFINITION = b"[" * 20_000 + b"]" * 20_000


def with_item(content: bytes):
    """The first example's definition file replaced by ``content``, its checksum in the manifest updated."""
    def change(name, data):
        if name == "manifest.json":
            manifest = json.loads(data)
            manifest["items"][0]["sha256"] = hashlib.sha256(content).hexdigest()
            return [(name, json.dumps(manifest).encode())]
        return [(name, content if name.startswith("items/") else data)]
    return rezip(bundle(DOCS[:1]), change)


@pytest.mark.parametrize("content, reason", [
    (DEEP_DEFINITION, "嵌套过深"),
    (json.dumps(DOCS[0], ensure_ascii=False).replace('"schema_version": "1.0"', '"schema_version": NaN').encode(),
     "NaN")])
def test_a_definition_that_is_not_strict_json_is_a_problem(content, reason):
    assert any("不是有效的 JSON" in p and reason in p for p in problems_of(with_item(content)))


def test_a_deep_manifest_is_a_problem():
    data = rezip(bundle(DOCS[:1]), lambda n, c: [(n, DEEP if n == "manifest.json" else c)])
    assert any("manifest.json 不是有效的 JSON" in p and "嵌套过深" in p for p in problems_of(data))
