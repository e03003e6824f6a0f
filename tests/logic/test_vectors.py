"""Python agrees with the values json-logic-js 2.0.5 + logic-extra.js produced for every case of
vectors/cases.json (regenerate with ``node tests/js/generate_vectors.mjs``)."""
from pathlib import Path

import pytest

from runtime.logic import evaluate

from .js_values import ERROR, decode, loads, outcome, same

VECTORS_DIR = Path(__file__).parent / "vectors"
VECTORS = loads((VECTORS_DIR / "jsonlogic-vectors.json").read_text("utf-8"))


def test_vectors_cover_every_case():
    cases = loads((VECTORS_DIR / "cases.json").read_text("utf-8"))
    assert [c["name"] for c in cases] == [v["name"] for v in VECTORS], "run: node tests/js/generate_vectors.mjs"
    assert [c["rule"] for c in cases] == [v["rule"] for v in VECTORS]


@pytest.mark.parametrize("vector", VECTORS, ids=[v["name"] for v in VECTORS])
def test_python_matches_json_logic_js(vector):
    expected = decode(vector["expected"])
    actual = outcome(evaluate, vector["rule"], vector["data"])
    if expected is ERROR:
        assert actual is ERROR
    else:
        assert actual is not ERROR and same(actual, expected), (actual, expected)
