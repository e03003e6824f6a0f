"""Three-way merge: province changes flow into the county's item; the county's own changes stay."""
import copy
import json
from pathlib import Path

from runtime.engine.definition_merge import merge_definitions

BASE = json.loads((Path(__file__).resolve().parents[2] / "item_defs/construction-permit.json").read_text("utf-8"))


def test_changes_on_both_sides_combine():
    mine, theirs = copy.deepcopy(BASE), copy.deepcopy(BASE)
    mine["guide"]["consult_phone"] = "0910-6599999"              # county
    mine["materials"] = [m for m in mine["materials"] if m["id"] != "safety_measures"]
    theirs["catalogue"]["name"] = "建筑工程施工许可证核发(2027 版)"  # province
    theirs["materials"].append({**theirs["materials"][0], "id": "province_new", "name": "省级新增材料"})
    theirs["materials"][0]["copies"] = {"original": 2, "copy": 0}
    merged, conflicts = merge_definitions(BASE, mine, theirs)
    assert conflicts == []
    assert merged["guide"]["consult_phone"] == "0910-6599999"
    assert merged["catalogue"]["name"] == "建筑工程施工许可证核发(2027 版)"
    ids = [m["id"] for m in merged["materials"]]
    assert "safety_measures" not in ids and ids[-1] == "province_new"
    assert merged["materials"][0]["copies"]["original"] == 2


def test_both_changing_the_same_value_is_reported_and_keeps_the_county_value():
    mine, theirs = copy.deepcopy(BASE), copy.deepcopy(BASE)
    mine["time_limits"]["legal"]["value"] = 12
    theirs["time_limits"]["legal"]["value"] = 10
    merged, conflicts = merge_definitions(BASE, mine, theirs)
    assert conflicts == ["$.time_limits.legal.value"] and merged["time_limits"]["legal"]["value"] == 12


def test_province_deleting_what_the_county_did_not_touch():
    theirs = copy.deepcopy(BASE)
    del theirs["rules"][0]
    merged, conflicts = merge_definitions(BASE, copy.deepcopy(BASE), theirs)
    assert conflicts == [] and [r["id"] for r in merged["rules"]] == [r["id"] for r in theirs["rules"]]
