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


def test_items_check_today_defaults_to_the_submission_date_as_its_help_says(run, tmp_path):  # noqa: F811
    doc = definition()
    doc["form"]["computed"] = [{"id": "seen", "label": "预审日期", "logic": {"var": "today"}}]
    item = write(tmp_path, "item.json", doc)
    app = write(tmp_path, "app.json", application(submitted_on="2026-11-02"))
    assert json.loads(run("check", str(item), str(app)).output)["computed"]["seen"] == "2026-11-02"
    on = run("check", str(item), str(app), "--today", "2026-11-20")
    assert json.loads(on.output)["computed"]["seen"] == "2026-11-20"
    assert "submitted_on" in run("check", "--help").output


def test_two_invalid_options_of_one_multi_choice_field_have_distinct_ids():
    doc = definition()
    doc["form"]["steps"][0]["fields"].append(
        {"id": "uses", "type": "checkbox_group", "label": "用途",
         "options": [{"value": "shop", "label": "商铺"}, {"value": "home", "label": "住宅"}]})
    answers = {"name": "张三", "kind": "a", "uses": ["shop", "x1", "x2"]}
    result = prereview(compile_item(doc), application(answers=answers))
    ids = [f.id for f in result.findings]
    assert len(ids) == len(set(ids))
    assert {"field:answers.uses:field.option:x1", "field:answers.uses:field.option:x2"} <= set(ids)


@pytest.mark.parametrize("reason", ["因组成形式为家庭经营", "因为组成形式为家庭经营", "组成形式为家庭经营"])
def test_a_material_reason_never_reads_yin_yin(reason):
    doc = definition()
    doc["materials"][1]["reason"] = reason
    result = prereview(compile_item(doc), application(answers={"name": "张三", "kind": "b"}))
    [line] = [m for m in result.materials if m.id == "b_proof"]
    assert line.reason == "因组成形式为家庭经营"


def test_a_sub_field_hidden_in_one_row_never_reaches_the_rules():
    doc = definition()
    doc["form"]["steps"][0]["fields"].append(
        {"id": "members", "type": "group", "label": "家庭成员", "fields": [
            {"id": "m_relation", "type": "select", "label": "关系",
             "options": [{"value": "spouse", "label": "配偶"}, {"value": "child", "label": "子女"}]},
            {"id": "m_income", "type": "number", "label": "月收入",
             "visible_if": {"==": [{"var": "row.m_relation"}, "spouse"]}}]})
    incomes = {"reduce": [{"var": "answers.members"}, {"+": [{"var": "accumulator"},
                                                              {"var": ["current.m_income", 0]}]}, 0]}
    doc["rules"].append({"id": "rich", "when": {">": [incomes, 5000]}, "message": "家庭收入过高", "severity": "blocking"})
    members = [{"m_relation": "spouse", "m_income": 3000}, {"m_relation": "child", "m_income": 9000}]
    result = prereview(compile_item(doc), application(answers={"name": "张三", "kind": "a", "members": members}))
    assert "rule:rich" not in {f.id for f in result.findings}        # only the spouse's 3000 counts
    assert "members[1].m_income" in result.ignored_answers


def test_hidden_answers_are_listed_as_ignored():
    app = application(answers={"name": "张三", "kind": "a", "has_agent": False, "agent_name": "李四"})
    result = prereview(compile_item(definition()), app)
    assert result.ignored_answers == ["agent_name"]


@pytest.mark.parametrize("area, fen", [(1.005, 101), (0.3, 30), (2.675, 268), (100.5, 10050), (0.004, 0), (0.005, 1)])
def test_fee_amounts_round_half_up_as_decimals_would(area, fen):
    """Fee arithmetic is JavaScript's (doubles); the fen amount is rounded half up after float noise is
    removed: 1.005 元 is 100.49999999999999 fen as a double and must still give 101."""
    doc = definition(fees=[{"id": "per_area", "name": "按面积收费", "standard": "每平方米 1 元", "basis": "某依据",
                            "amount": {"*": [{"var": "answers.area"}, 100]}}])
    doc["guide"]["charges"] = True
    result = prereview(compile_item(doc), application(answers={"name": "张三", "kind": "a", "area": area}))
    assert result.fees[0].amount_fen == fen


def test_point_one_plus_point_two_yuan_is_thirty_fen():
    doc = definition(fees=[{"id": "sum", "name": "合计", "standard": "0.1 元加 0.2 元", "basis": "某依据",
                            "amount": {"*": [{"+": [0.1, 0.2]}, 100]}}])
    doc["guide"]["charges"] = True
    assert prereview(compile_item(doc), application()).fees[0].amount_fen == 30


def test_a_non_finite_number_is_never_read_as_text():
    result = prereview(compile_item(definition()), application(answers={"name": float("inf"), "kind": "a"}))
    assert "field:answers.name:field.type" in {f.id for f in result.findings}
    assert "inf" not in json.dumps(result.to_dict(), ensure_ascii=False)


def test_the_longest_time_limits_the_schema_allows_are_counted():
    doc = definition()
    doc["time_limits"] = {"legal": {"value": 3650, "unit": "natural_day"}, "promised": {"value": 3650, "unit": "working_day"}}
    result = prereview(compile_item(doc, validate=False), application(), calendar=WorkCalendar(last_year=2060))
    assert result.deadlines.legal_date and result.deadlines.promised_date and result.deadlines.error is None
    short = prereview(compile_item(doc, validate=False), application(), calendar=WorkCalendar(last_year=2030))
    assert short.deadlines.notice_due and short.deadlines.promised_date is None and short.deadlines.error
