"""The official JsonLogic test suite (jsonlogic.com/tests.json, vendored in vectors/)."""
import json
from pathlib import Path

import pytest

from runtime.logic import evaluate

from .js_values import same

SUITE = json.loads((Path(__file__).parent / "vectors" / "jsonlogic-official-tests.json").read_text("utf-8"))
CASES = [case for case in SUITE if isinstance(case, list)]


def test_suite_is_complete():
    assert len(CASES) > 250


@pytest.mark.parametrize("rule,data,expected", CASES, ids=[json.dumps(c[0], ensure_ascii=False)[:60] for c in CASES])
def test_official_case(rule, data, expected):
    assert same(evaluate(rule, data), expected)
