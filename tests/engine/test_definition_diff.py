"""Field-level, Chinese diff between two definitions; elements matched by id, not position."""
import copy
import json
from pathlib import Path

from runtime.engine.definition_diff import diff_definitions

DOC = json.loads((Path(__file__).resolve().parents[2] / "item_defs/construction-permit.json").read_text("utf-8"))


def texts(a, b):
    return [c.text for c in diff_definitions(a, b)]


def test_identical_definitions_have_no_changes():
    assert diff_definitions(DOC, copy.deepcopy(DOC)) == []


def test_changes_are_named_in_chinese_by_element():
    new = copy.deepcopy(DOC)
    new["time_limits"]["promised"]["value"] = 3
    new["materials"][3]["copies"]["original"] = 2
    new["form"]["steps"][1]["fields"][2]["label"] = "所在乡镇代码"
    assert texts(DOC, new) == [
        "修改 办理时限 › 承诺办结时限 › 时限数值:5 → 3",
        "修改 申请表单 › 表单步骤“工程信息” › 字段“所在乡镇(街道)代码” › 字段名称:所在乡镇(街道)代码 → 所在乡镇代码",
        "修改 申请材料“施工合同” › 份数 › 原件份数:0 → 2",
    ]


def test_insert_delete_and_reorder_are_not_cascades():
    new = copy.deepcopy(DOC)
    new["materials"].insert(0, {**new["materials"][5], "id": "new_mat", "name": "新材料"})
    del new["rules"][2]
    fields = new["form"]["steps"][1]["fields"]
    fields[0], fields[1] = fields[1], fields[0]
    changes = diff_definitions(DOC, new)
    assert [(c.kind, c.label) for c in changes] == [
        ("moved", "申请表单 › 表单步骤“工程信息” › 字段"),
        ("added", "申请材料“新材料”"),
        ("removed", "预审规则“建设单位与施工单位相同”"),
    ]
    assert changes[1].path == "$.materials[id=new_mat]"


def test_conditions_compare_as_whole_expressions():
    new = copy.deepcopy(DOC)
    new["fees"][0]["condition"] = {"var": "answers.in_planning_area"}
    (change,) = diff_definitions(DOC, new)
    assert change.label == "收费项目“城市基础设施配套费” › 收费条件" and change.after == {"var": "answers.in_planning_area"}
