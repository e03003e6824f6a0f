"""Pre-review: every finding at once, required materials with reasons, fees, deadlines, outcome."""
import pytest

from runtime.engine.compiled_item import DefinitionInvalid, compile_item
from runtime.engine.prereview import prereview
from tests.engine.factories import application, bad_check_digit, definition, make_id, pdf


_DEFAULT = object()


def review(doc=None, app=_DEFAULT, **kw):
    return prereview(compile_item(doc or definition()), application() if app is _DEFAULT else app, **kw)


def finding_ids(result):
    return {f.id for f in result.findings}


def test_complete_application_is_acceptable_with_dates():
    result = review()
    assert result.outcome == "acceptable" and result.outcome_label == "可受理"
    assert result.findings == []
    # 2026-11-02 is a Monday; 10 working days later, start day not counted.
    assert result.deadlines.promised_date == "2026-11-16"
    assert result.deadlines.legal_date == "2026-11-30"
    assert result.deadlines.notice_due == "2026-11-09"


def test_every_problem_is_reported_at_once():
    app = application(
        applicant={"type": "person", "name": "张三", "id_type": "111", "id_number": bad_check_digit(make_id())},
        answers={"kind": "b", "area": 600, "has_agent": True},
        materials={},
    )
    result = review(app=app)
    ids = finding_ids(result)
    assert {
        "field:answers.name:field.required",           # missing required field
        "field:answers.agent_name:field.required",     # conditionally required, visible
        "applicant:id_number:field.id_card.checksum",  # applicant ID check digit
        "material:form_doc:missing",                   # unconditional material
        "material:b_proof:missing",                    # conditional material now applies
        "material:id_proof:missing",
        "material:site_photo:tolerated",               # 容缺
        "rule:big_area",                               # item rule
    } <= ids
    assert result.outcome == "needs_correction"
    assert len(ids) == len(result.findings)
    rule = next(f for f in result.findings if f.id == "rule:big_area")
    assert rule.message == "面积 600 超过 500" and rule.target == {"field": "area", "path": "answers.area"}


def test_conditional_material_applies_with_its_reason():
    lines = {m.id: m for m in review(app=application(answers={"name": "张三", "kind": "b"})).materials}
    assert lines["b_proof"].reason == "因“类别”为乙类"
    assert lines["form_doc"].reason == "所有申请人均需提供"
    assert "b_proof" not in {m.id for m in review().materials}


def test_hidden_field_answer_is_discarded_and_not_required():
    app = application(answers={"name": "张三", "kind": "a", "has_agent": False, "agent_name": "<script>x</script>"})
    result = review(app=app)
    assert "agent_name" not in result.visible_fields
    assert result.findings == []


def test_unknown_answers_are_ignored_and_reported():
    result = review(app=application(answers={"name": "张三", "kind": "a", "__proto__": 1, "admin": True}))
    assert result.ignored_answers == ["__proto__", "admin"]
    assert result.outcome == "acceptable"


def test_form_strings_are_coerced():
    app = application(answers={"name": " 张三 ", "kind": "a", "area": "120.5", "has_agent": "否"})
    result = review(app=app)
    assert result.findings == []


@pytest.mark.parametrize("answers, code", [
    ({"area": "abc"}, "field.type"),
    ({"area": -1}, "field.min"),
    ({"area": {"$gt": 1}}, "field.type"),
    ({"kind": "zzz"}, "field.option"),
    ({"name": "超" * 21}, "field.max_length"),
    ({"has_agent": "maybe"}, "field.type"),
])
def test_field_value_problems(answers, code):
    base = {"name": "张三", "kind": "a"}
    base.update(answers)
    result = review(app=application(answers=base))
    assert code in {f.code for f in result.findings}
    assert result.outcome == "needs_correction"


def test_shared_licence_replaces_upload():
    app = application(materials={"form_doc": {"files": [pdf()]}, "site_photo": {"files": [pdf()]}},
                      licences=["居民身份证"])
    result = review(app=app)
    assert {m.id: m.status for m in result.materials}["id_proof"] == "shared"
    assert result.outcome == "acceptable"


def test_tolerated_material_gives_tolerated_outcome():
    app = application(materials={"form_doc": {"files": [pdf()]}, "id_proof": {"files": [pdf()]}})
    result = review(app=app)
    assert result.outcome == "tolerated" and result.outcome_label == "容缺受理"
    [finding] = result.findings
    assert finding.severity == "tolerated" and "5 个工作日" in finding.message


def test_file_format_size_and_count():
    files = [pdf("a.pdf", 2 * 1024 * 1024), {"name": "b.exe", "format": "exe", "size": 10}, pdf("c.pdf")]
    app = application(materials={"form_doc": {"files": files}, "id_proof": {"files": [pdf()]},
                                 "site_photo": {"files": [pdf()]}})
    result = review(app=app)
    codes = sorted(f.code for f in result.findings)
    assert codes == ["material.format", "material.size", "material.too_many"]
    assert {m.id: m.status for m in result.materials}["form_doc"] == "invalid"


def test_pledge_only_where_allowed():
    doc = definition()
    doc["materials"][0]["pledge_allowed"] = True
    app = application(materials={"form_doc": {"pledged": True}, "id_proof": {"pledged": True},
                                 "site_photo": {"files": [pdf()]}})
    result = review(doc, app)
    statuses = {m.id: m.status for m in result.materials}
    assert statuses["form_doc"] == "pledged" and statuses["id_proof"] == "missing"


def test_paper_only_material_online_and_at_the_window():
    doc = definition()
    doc["materials"][0]["media"] = "paper"
    app = application(materials={"id_proof": {"files": [pdf()]}, "site_photo": {"files": [pdf()]}})
    online = review(doc, app)
    assert {m.id: m.status for m in online.materials}["form_doc"] == "bring_paper"
    assert online.outcome == "acceptable"
    window = review(doc, dict(app, channel="window"))
    assert "material:form_doc:missing" in finding_ids(window)
    app["materials"]["form_doc"] = {"received": True}
    assert review(doc, dict(app, channel="window")).outcome == "acceptable"


def test_fees_fixed_conditional_and_computed():
    doc = definition(fees=[
        {"id": "base", "name": "工本费", "standard": "每本 10 元", "basis": "某依据", "amount": 1000},
        {"id": "per_area", "name": "按面积收费", "standard": "每平方米 1.5 元", "basis": "某依据",
         "condition": {"==": [{"var": "answers.kind"}, "b"]},
         "amount": {"*": [{"var": "answers.area"}, 150]}},
    ])
    doc["guide"]["charges"] = True
    result = review(doc, application(answers={"name": "张三", "kind": "b", "area": 100.5}))
    assert [(f.id, f.amount_fen) for f in result.fees] == [("base", 1000), ("per_area", 15075)]
    assert result.fee_total_fen == 16075
    assert [f.id for f in review(doc).fees] == ["base"]


def test_uncomputable_fee_is_a_warning_not_a_crash():
    doc = definition(fees=[{"id": "x", "name": "费", "standard": "s", "basis": "b",
                            "amount": {"*": [{"var": "answers.name"}, 2]}}])
    doc["guide"]["charges"] = True
    result = review(doc)
    assert result.fees[0].amount_fen is None
    assert any(f.code == "fee.amount_error" and f.severity == "warning" for f in result.findings)


def test_group_rows_are_checked_per_row():
    doc = definition()
    doc["form"]["steps"][0]["fields"].append({"id": "members", "type": "group", "label": "家庭成员", "min_items": 1,
                                              "fields": [{"id": "m_name", "type": "text", "label": "姓名", "required": True},
                                                         {"id": "m_id", "type": "id_card", "label": "身份证号码"}]})
    app = application(answers={"name": "张三", "kind": "a",
                               "members": [{"m_name": "甲", "m_id": make_id()}, {"m_id": bad_check_digit(make_id())}]})
    result = review(doc, app)
    ids = finding_ids(result)
    assert "field:answers.members[1].m_name:field.required" in ids
    assert "field:answers.members[1].m_id:field.id_card.checksum" in ids
    message = next(f.message for f in result.findings if f.code == "field.required")
    assert "家庭成员第 2 项的姓名" in message


def test_computed_values_feed_rules():
    doc = definition()
    doc["form"]["computed"] = [{"id": "double", "label": "两倍面积", "logic": {"*": [{"var": "answers.area"}, 2]}}]
    doc["rules"].append({"id": "double_big", "when": {">": [{"var": "computed.double"}, 300]},
                         "message": "两倍面积为 {computed.double}", "severity": "warning"})
    result = review(doc, application(answers={"name": "张三", "kind": "a", "area": 200}))
    assert result.computed == {"double": 400}
    assert [f.message for f in result.findings] == ["两倍面积为 400"]
    assert result.outcome == "acceptable"


def test_calendar_out_of_range_is_reported_not_raised():
    result = review(app=application(submitted_on="2031-01-06"))
    assert result.deadlines.promised_date is None and result.deadlines.error
    assert any(f.kind == "deadline" for f in result.findings)


def test_natural_day_limit_rolls_to_working_day():
    doc = definition()
    doc["time_limits"]["legal"] = {"value": 30, "unit": "natural_day"}
    doc["time_limits"]["promised"] = {"value": 5, "unit": "natural_day"}
    # 2026-09-26 + 5 natural days = 2026-10-01, inside the National Day holiday (10/1-10/7): rolls to 10/8.
    result = review(doc, application(submitted_on="2026-09-26"))
    assert result.deadlines.promised_date == "2026-10-08"


def test_invalid_definition_cannot_be_compiled():
    doc = definition()
    doc["materials"][1]["required_if"] = {"==": [{"var": "answers.ghost"}, 1]}
    with pytest.raises(DefinitionInvalid) as exc:
        compile_item(doc)
    assert "answers.ghost" in str(exc.value.problems)


@pytest.mark.parametrize("garbage", [None, [], "x", 1, {"answers": "x", "materials": [1], "applicant": 5,
                                                        "licences": {"a": [1]}, "submitted_on": "not a date"}])
def test_garbage_application_never_raises(garbage):
    result = review(app=garbage)
    assert result.outcome == "needs_correction"


def test_without_deadlines_every_other_result_is_the_same():
    """Form pages skip the calendar (deadlines=False); what they show must not change."""
    half = application(answers={"name": "", "kind": "b"}, materials={})
    full, light = review(app=half), review(app=half, deadlines=False)
    assert light.deadlines.promised_date is None and light.deadlines.legal_date is None
    assert light.deadlines.received_on == full.deadlines.received_on == "2026-11-02"
    assert light.findings and [f.to_dict() for f in light.findings] == [f.to_dict() for f in full.findings]
    assert light.visible_fields == full.visible_fields and light.outcome == full.outcome
