"""Answers shown as a clerk reads them, through the pre-review's own coercion."""
from runtime.engine.answer_display import answer_lines, format_value

DEFINITION = {"form": {"steps": [
    {"id": "s1", "title": "基本情况", "fields": [
        {"id": "planned", "type": "yes_no", "label": "是否在规划区内"},
        {"id": "price", "type": "money", "label": "合同价格"},
        {"id": "start", "type": "date", "label": "开工日期"},
        {"id": "kind", "type": "select", "label": "工程类别", "options": [{"value": "house", "label": "房屋建筑"}]},
        {"id": "uses", "type": "checkbox_group", "label": "用途",
         "options": [{"value": "a", "label": "住宅"}, {"value": "b", "label": "商业"}]},
        {"id": "area", "type": "number", "label": "建筑面积", "unit": "平方米"},
        {"id": "empty", "type": "text", "label": "备注"}]},
    {"id": "s2", "title": "家庭成员", "fields": [
        {"id": "members", "type": "group", "label": "家庭成员",
         "fields": [{"id": "name", "type": "text", "label": "姓名"}, {"id": "adult", "type": "yes_no", "label": "成年"}]}]}]}}


def test_values_read_as_a_person_would():
    answers = {"planned": "true", "price": "2600000.5", "start": "2027-03-01", "kind": "house", "uses": ["b", "a"],
               "area": 8000.5, "empty": "", "members": [{"name": "张三", "adult": True}, {"name": "李四", "adult": "否"}],
               "retired_field": "旧版本的答案"}
    lines = answer_lines(DEFINITION, answers)
    assert [(line.label, line.text) for line in lines if not line.rows] == [
        ("是否在规划区内", "是"), ("合同价格", "2,600,000.50 元"), ("开工日期", "2027年3月1日"), ("工程类别", "房屋建筑"),
        ("用途", "商业、住宅"), ("建筑面积", "8000.5 平方米"), ("retired_field", "旧版本的答案")]
    group = next(line for line in lines if line.rows)
    assert [[(c.label, c.text) for c in row] for row in group.rows] == [[("姓名", "张三"), ("成年", "是")],
                                                                         [("姓名", "李四"), ("成年", "否")]]


def test_a_value_that_does_not_coerce_is_shown_as_typed():
    assert format_value({"id": "d", "type": "date", "label": "日期"}, "明年三月") == "明年三月"
    assert format_value({"id": "m", "type": "money", "label": "金额"}, 150000) == "1,500.00 元"  # ints are fen
    assert format_value({"id": "k", "type": "select", "label": "类别", "options": []}, "unknown") == "unknown"
