"""Absurd input at the engine's boundaries (issue #17 §2-§4): clear errors or well-defined results,
never a traceback; results are strict JSON."""
import json
from datetime import date

import pytest

from runtime import strict_json
from runtime.engine.compiled_item import compile_item
from runtime.engine.prereview import prereview
from runtime.engine.workdays import WorkCalendar
from tests.engine.factories import application, definition
from tests.engine.test_items_cli import run, write  # noqa: F401 - the CLI fixture

DEEP = "[" * 100_000 + "]" * 100_000


@pytest.mark.parametrize("text", ["NaN", "[Infinity]", '{"a": -Infinity}', "1e309", "[-1e400]", DEEP,
                                  "[" * 65 + "]" * 65])
def test_strict_json_refuses_what_json_does_not_allow(text):
    with pytest.raises(strict_json.StrictJSONError):
        strict_json.loads(text)


def test_strict_json_reads_ordinary_documents():
    assert strict_json.loads('{"a": [1.5, 1e308, -0.0, "NaN"]}') == {"a": [1.5, 1e308, -0.0, "NaN"]}
    assert strict_json.loads("[" * 64 + "]" * 64) is not None


@pytest.mark.parametrize("content, words", [
    ('{"answers": {"name": Infinity}}', "Infinity"), (DEEP, "嵌套过深"), ('{"answers": {"area": 1e309}}', "超出范围")])
def test_items_check_refuses_non_json_applications_with_exit_2(run, tmp_path, content, words):  # noqa: F811
    item = write(tmp_path, "item.json", definition())
    app = write(tmp_path, "app.json", content)
    result = run("check", str(item), str(app))
    assert result.exit_code == 2 and words in result.output and "Traceback" not in result.output


@pytest.mark.parametrize("content", [DEEP, '{"catalogue": NaN}'])
def test_items_validate_refuses_deep_or_non_json_definitions_with_exit_2(run, tmp_path, content):  # noqa: F811
    path = write(tmp_path, "x.json", content)
    result = run("validate", str(path))
    assert result.exit_code == 2 and str(path) in result.output


def test_a_computed_value_of_a_missing_number_is_null_and_the_result_is_strict_json():
    doc = definition()
    doc["form"]["computed"] = [{"id": "fee_base", "label": "计费基数", "logic": {"*": [{"var": "answers.area"}, 2]}}]
    result = prereview(compile_item(doc), application(answers={"name": "张三", "kind": "a"}))
    assert result.computed == {"fee_base": None}
    json.dumps(result.to_dict(), allow_nan=False)   # raises on NaN


def test_a_receipt_date_at_the_end_of_time_is_a_finding_not_an_overflow():
    result = prereview(compile_item(definition()), application(submitted_on="9999-12-31"))
    assert result.deadlines.promised_date is None and result.deadlines.error
    assert "deadline:calendar" in {f.id for f in result.findings}


def test_dates_that_need_only_known_years_are_computed():
    calendar = WorkCalendar(last_year=2026)
    result = prereview(compile_item(definition()), application(submitted_on="2026-12-21"), calendar=calendar)
    assert result.deadlines.notice_due == "2026-12-28"          # 5 working days, all in 2026
    assert result.deadlines.promised_date is None and "2027" in result.deadlines.error
    assert date.fromisoformat(result.deadlines.received_on) == date(2026, 12, 21)
