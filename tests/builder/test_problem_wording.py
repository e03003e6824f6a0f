"""The designer's wording of engine problems: the element by its name, what to do, the tab to open."""
from builder.problem_wording import element, worded
from runtime.engine.validation import validate_definition
from tests.engine.factories import definition


def problems_of(doc):
    return worded(doc, [p.to_dict() for p in validate_definition(doc)])


def test_problems_name_the_element_and_say_what_to_do():
    doc = definition()
    doc["materials"][1]["acceptance_standard"] = ""
    doc["materials"].append({"id": "material_5", "name": "", "kind": "original", "media": "electronic",
                             "necessity": "required", "source": {"channel": "applicant"}})
    doc["form"]["steps"][0]["fields"][1]["options"][0]["value"] = ""
    doc["guide"]["consult_phone"] = ""
    texts = {p["text"]: p["tab"] for p in problems_of(doc)}
    assert texts["材料“乙类证明”:请填写“受理标准”"] == "materials"
    assert texts["第 5 个材料(未命名):请填写“材料名称”"] == "materials"
    assert texts["字段“类别”的选项“甲类”:请填写“选项值”"] == "form"
    assert texts["办事指南:请填写“咨询电话”"] == "guide"


def test_a_lint_message_that_names_the_element_is_not_named_twice():
    doc = definition()
    del doc["materials"][1]["acceptance_standard"]
    doc["materials"][2]["source"] = {"channel": "government"}
    found = {p["text"]: p for p in problems_of(doc)}
    assert found["材料“乙类证明”:缺少受理标准"]["plain"] == "缺少受理标准"
    assert "政府部门核发的材料“身份证”未设置电子证照类型,无法共享复用" in found


def test_an_incomplete_field_is_not_also_reported_as_unknown_keys():
    doc = definition()
    doc["form"]["steps"][0]["fields"].append({"id": "field_6", "type": "text", "label": ""})
    texts = [p["text"] for p in problems_of(doc)]
    assert texts == ["步骤“基本信息”的第 6 个字段(未命名):请填写“字段名称”"]


def test_unusual_paths_fall_back_to_the_section():
    assert element({}, "$") == ("basics", "基本信息")
    assert element({"materials": "not a list"}, "$.materials[3].name") == ("materials", "申请材料")
    assert element(None, "$.fees[0].amount") == ("fees", "收费")
