"""Schema validation and semantic lint: every problem, precisely located, in Chinese."""
import copy

import pytest

from runtime.engine.validation import validate_definition
from tests.engine.factories import BASE, definition


def problems_at(doc):
    return {(p.path, p.code): p for p in validate_definition(doc)}


def codes(doc, severity=None):
    return {p.code for p in validate_definition(doc) if severity is None or p.severity == severity}


def test_base_definition_is_valid():
    assert [p for p in validate_definition(definition()) if p.severity == "error"] == []


def test_schema_errors_are_all_reported_with_paths_and_chinese():
    doc = definition()
    doc["catalogue"]["name"] = ""
    doc["time_limits"]["legal"]["unit"] = "day"
    doc["form"]["steps"][0]["fields"][0]["bogus"] = 1
    del doc["guide"]["consult_phone"]
    found = problems_at(doc)
    assert ("$.catalogue.name", "schema.min_length") in found
    assert ("$.time_limits.legal.unit", "schema.enum") in found
    assert ("$.form.steps[0].fields[0]", "schema.unknown_key") in found
    assert ("$.guide.consult_phone", "schema.required") in found
    assert "工作日" in found[("$.time_limits.legal.unit", "schema.enum")].message
    assert "咨询电话" in found[("$.guide.consult_phone", "schema.required")].message


def test_newer_schema_version_is_refused_clearly():
    doc = definition(schema_version="2.0")
    [problem] = validate_definition(doc)
    assert problem.code == "schema.version_newer" and "2.0" in problem.message


def test_not_an_object():
    assert validate_definition([1, 2])[0].code == "schema.type"


def test_duplicate_ids_point_at_second_occurrence():
    doc = definition()
    doc["form"]["steps"][0]["fields"].append({"id": "name", "type": "text", "label": "重复"})
    doc["materials"].append(copy.deepcopy(doc["materials"][0]))
    found = problems_at(doc)
    assert ("$.form.steps[0].fields[5].id", "lint.duplicate_id") in found
    assert ("$.materials[4].id", "lint.duplicate_id") in found


def test_unknown_variable_and_operator():
    doc = definition()
    doc["materials"][1]["required_if"] = {"==": [{"var": "answers.nope"}, 1]}
    doc["rules"][0]["when"] = {"frobnicate": [1]}
    found = problems_at(doc)
    assert ("$.materials[1].required_if", "lint.logic_unknown_var") in found
    assert "answers.nope" in found[("$.materials[1].required_if", "lint.logic_unknown_var")].message
    assert any(code == "lint.logic_unknown_op" and path.startswith("$.rules[0].when") for path, code in found)


@pytest.mark.parametrize("var", ["answers.name", "computed.total", "applicant.id_number", "materials.form_doc.provided",
                                 "licences.居民身份证", "today", "answers"])
def test_known_variables(var):
    doc = definition()
    doc["form"]["computed"] = [{"id": "total", "label": "合计", "logic": {"+": [1, 2]}}]
    doc["rules"][0]["when"] = {"==": [{"var": var}, "x"]}
    assert "lint.logic_unknown_var" not in codes(doc)


def test_condition_comparing_with_missing_option_can_never_be_true():
    doc = definition()
    doc["materials"][1]["required_if"] = {"==": [{"var": "answers.kind"}, "c"]}
    found = problems_at(doc)
    assert ("$.materials[1].required_if", "lint.logic_never_option") in found
    assert ("$.materials[1].required_if", "lint.logic_constant") in found
    assert found[("$.materials[1].required_if", "lint.logic_constant")].severity == "error"


def test_always_true_condition_is_a_warning():
    doc = definition()
    doc["materials"][1]["required_if"] = {"or": [{"!=": [{"var": "answers.kind"}, "zzz"]}, {"var": "answers.name"}]}
    found = problems_at(doc)
    assert found[("$.materials[1].required_if", "lint.logic_constant")].severity == "warning"


def test_constant_condition_without_variables():
    doc = definition()
    doc["rules"][0]["when"] = {"==": [1, 2]}
    assert ("$.rules[0].when", "lint.logic_constant") in problems_at(doc)


def test_decidable_in_with_no_matching_option():
    doc = definition()
    doc["rules"][0]["when"] = {"in": [{"var": "answers.kind"}, ["x", "y"]]}
    assert "lint.logic_never_option" in codes(doc)


def test_undecidable_condition_is_not_reported():
    doc = definition()
    doc["rules"][0]["when"] = {"and": [{"==": [{"var": "answers.kind"}, "a"]}, {">": [{"var": "answers.area"}, 5]}]}
    assert not codes(doc) & {"lint.logic_constant", "lint.logic_never_option"}


def test_computed_cycle():
    doc = definition()
    doc["form"]["computed"] = [
        {"id": "x", "label": "x", "logic": {"+": [{"var": "computed.y"}, 1]}},
        {"id": "y", "label": "y", "logic": {"+": [{"var": "computed.x"}, 1]}},
        {"id": "z", "label": "z", "logic": {"+": [{"var": "computed.x"}, 1]}},
    ]
    cycles = [p for p in validate_definition(doc) if p.code == "lint.computed_cycle"]
    assert len(cycles) == 1 and "x" in cycles[0].message and "y" in cycles[0].message


def test_promised_exceeding_legal_limit():
    doc = definition()
    doc["time_limits"]["promised"] = {"value": 25, "unit": "working_day"}
    assert ("$.time_limits.promised.value", "lint.promised_exceeds_legal") in problems_at(doc)


def test_promised_working_days_exceeding_legal_natural_days():
    doc = definition()
    doc["time_limits"]["legal"] = {"value": 20, "unit": "natural_day"}
    doc["time_limits"]["promised"] = {"value": 21, "unit": "working_day"}
    assert "lint.promised_exceeds_legal" in codes(doc, "error")


def test_promised_without_compression_warns():
    doc = definition()
    doc["time_limits"]["promised"] = {"value": 20, "unit": "working_day"}
    assert "lint.promised_not_compressed" in codes(doc, "warning")
    assert "lint.promised_exceeds_legal" not in codes(doc)


def test_fees_must_agree_with_charges():
    doc = definition()
    doc["guide"]["charges"] = True
    assert "lint.fees_missing" in codes(doc, "error")
    doc = definition(fees=[{"id": "f", "name": "工本费", "standard": "10元/本", "basis": "某文件", "amount": 1000}])
    assert "lint.fees_not_charged" in codes(doc, "error")


def test_negative_constant_fee_amount():
    doc = definition(fees=[{"id": "f", "name": "费", "standard": "标准", "basis": "依据", "amount": {"-": [0, 5]}}])
    doc["guide"]["charges"] = True
    assert "lint.fee_amount" in codes(doc, "error")


def test_dangling_rule_targets_and_placeholders():
    doc = definition()
    doc["rules"][0]["target"] = {"material": "nope"}
    doc["rules"][0]["message"] = "面积 {answers.nothing}"
    found = problems_at(doc)
    assert ("$.rules[0].target.material", "lint.dangling_material") in found
    assert ("$.rules[0].message", "lint.message_placeholder") in found


def test_field_checks():
    doc = definition()
    fields = doc["form"]["steps"][0]["fields"]
    fields.append({"id": "s", "type": "select", "label": "无选项"})
    fields.append({"id": "d", "type": "declaration", "label": "承诺"})
    fields.append({"id": "p", "type": "text", "label": "格式", "pattern": "(?P<x>a)"})
    fields.append({"id": "r", "type": "number", "label": "范围", "min": 10, "max": 1})
    fields.append({"id": "t", "type": "date", "label": "日期", "min": "昨天"})
    fields.append({"id": "o", "type": "radio", "label": "重复选项",
                   "options": [{"value": "x", "label": "X"}, {"value": "x", "label": "Y"}]})
    found = codes(doc, "error")
    assert {"lint.options_missing", "lint.statement_missing", "lint.pattern_invalid", "lint.min_max",
            "lint.date_bound", "lint.option_duplicate"} <= found


def test_group_inside_group_is_a_schema_error():
    doc = definition()
    doc["form"]["steps"][0]["fields"].append({"id": "g", "type": "group", "label": "组", "fields": [
        {"id": "h", "type": "group", "label": "内组", "fields": [{"id": "i", "type": "text", "label": "x"}]}]})
    assert "schema.not" in codes(doc)


def test_material_and_guide_quality_checks():
    doc = definition()
    doc["materials"][3].pop("supplement_days")
    doc["materials"][0].pop("acceptance_standard")
    doc["implementation"]["visits"] = {"count": 2}
    doc["implementation"]["implementing_body"]["credit_code"] = "11610424MB00000110"
    found = problems_at(doc)
    assert ("$.materials[3].supplement_days", "lint.tolerated_days") in found
    assert found[("$.materials[0].acceptance_standard", "lint.acceptance_standard")].severity == "warning"
    assert ("$.implementation.visits.reason", "lint.visits_reason") in found
    assert ("$.implementation.implementing_body.credit_code", "lint.credit_code") in found


def test_basis_order_and_entrustment():
    doc = definition()
    doc["catalogue"]["legal_basis"].insert(0, {"law": "某规范性文件", "rank": "normative_document"})
    doc["implementation"]["implementing_body"]["nature"] = "3"
    found = codes(doc)
    assert "lint.basis_order" in found and "lint.entrusting_unit" in found


def test_row_variables_only_inside_group_sub_fields():
    doc = definition()
    doc["form"]["steps"][0]["fields"].append({"id": "members", "type": "group", "label": "成员", "fields": [
        {"id": "m_name", "type": "text", "label": "姓名"},
        {"id": "m_note", "type": "text", "label": "备注", "visible_if": {"var": "row.m_name"}}]})
    assert "lint.logic_unknown_var" not in codes(doc)
    doc["rules"][0]["when"] = {"var": "row.m_name"}
    assert "lint.logic_unknown_var" in codes(doc)


def test_self_reference():
    doc = definition()
    doc["form"]["steps"][0]["fields"][2]["visible_if"] = {">": [{"var": "answers.area"}, 1]}
    assert "lint.logic_self_reference" in codes(doc)


def test_base_is_not_mutated_by_factory():
    definition()["catalogue"]["name"] = "changed"
    assert BASE["catalogue"]["name"] == "测试事项"


def test_root_data_read_inside_an_array_operation_is_flagged():
    doc = definition()
    doc["form"]["steps"][0]["fields"].append({
        "id": "members", "type": "group", "label": "成员",
        "fields": [{"id": "member_id", "type": "id_card", "label": "身份证号码"}]})
    doc["rules"][0]["when"] = {"some": [{"var": "answers.members"},
                                        {">=": [{"age_from_id": [{"var": "member_id"}, {"var": "today"}]}, 60]}]}
    found = [p for p in validate_definition(doc) if p.code == "lint.logic_root_in_scope"]
    assert [(p.path, p.severity) for p in found] == [("$.rules[0].when", "warning")]
    assert "“today”" in found[0].message
    doc["rules"][0]["when"] = {"some": [{"var": "answers.members"}, {"==": [{"var": "member_id"}, "x"]}]}
    assert "lint.logic_root_in_scope" not in codes(doc)
