"""Generate item_defs/synthetic/large-synthetic.json: a schema-valid, lint-clean item about three times
the size of the largest real items (≥300 fields, ≥60 rules, ≥40 materials), for benchmarks and
scale tests. Deterministic: the same file every run, so tests can check it is current.

Usage: .venv/bin/python bench/make_synthetic.py [--check]
"""
from __future__ import annotations

import argparse
import copy
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BASE = ROOT / "item_defs" / "individual-business-registration.json"
OUT = ROOT / "item_defs" / "synthetic" / "large-synthetic.json"
DEPT_CODE = "11610424MB00000702"
STEPS, FIELDS_PER_STEP, MATERIALS, RULE_GROUPS, FEES = 12, 26, 45, 4, 12
V = lambda path: {"var": path}  # noqa: E731

KINDS = ["text", "number", "money", "date", "select", "radio", "yes_no", "checkbox_group", "textarea", "id_card",
         "uscc", "mobile", "region", "email", "phone", "text", "number", "select", "yes_no", "text",
         "money", "radio", "date", "text", "textarea", "number"]
OPTIONS = [{"value": f"o{i}", "label": f"选项{i}"} for i in range(1, 6)]


def _field(step: int, n: int) -> dict:
    kind = KINDS[n % len(KINDS)]
    fid = f"s{step:02d}_f{n:02d}"
    spec = {"id": fid, "type": kind, "label": f"第{step}部分第{n}项"}
    if kind in ("select", "radio", "checkbox_group"):
        spec["options"] = OPTIONS
    if kind in ("number", "money"):
        spec["min"] = 0
    if kind == "text":
        spec["max_length"] = 100
    if n % 3 == 0:
        spec["required"] = True
    if n >= 2 and n % 3 == 1:  # conditional on a yes/no or choice earlier in the step
        trigger = _trigger(step, n)
        spec["visible_if"] = trigger
        if n % 2:
            spec["required_if"] = trigger
    return spec


def _trigger(step: int, n: int) -> dict:
    """A condition on an earlier yes/no or select field of the same step."""
    for m in range(n - 1, -1, -1):
        kind = KINDS[m % len(KINDS)]
        if kind == "yes_no":
            return V(f"answers.s{step:02d}_f{m:02d}")
        if kind in ("select", "radio"):
            return {"in": [V(f"answers.s{step:02d}_f{m:02d}"), ["o1", "o2"]]}
    return {"!!": V(f"answers.s{step:02d}_f00")}


def _group(step: int) -> dict:
    return {"id": f"s{step:02d}_members", "type": "group", "label": f"第{step}部分人员名单", "max_items": 20,
            "fields": [{"id": f"s{step:02d}_member_name", "type": "text", "label": "姓名", "required": True, "max_length": 50},
                       {"id": f"s{step:02d}_member_id", "type": "id_card", "label": "居民身份证号码", "required": True}]}


def _materials() -> list:
    out = []
    for i in range(MATERIALS):
        spec = {"id": f"m{i:02d}", "name": f"申请材料第{i + 1}号", "basis": "《合成法规》第一条",
                "kind": ["original", "copy", "original_and_copy"][i % 3], "media": "paper_and_electronic",
                "copies": {"original": 1, "copy": i % 2}, "paper_spec": "A4",
                "necessity": "tolerated" if i % 11 == 5 else ("optional" if i % 13 == 7 else "required"),
                "source": {"channel": "applicant"},
                "electronic": {"formats": ["pdf", "jpg", "png"], "max_size_kb": 5120, "max_files": 5},
                "acceptance_standard": "内容完整、清晰,加盖公章或签字。"}
        if spec["necessity"] == "tolerated":
            spec["supplement_days"] = 10
        if i % 3 == 1:  # conditional on step answers
            step = 1 + i % STEPS
            spec["required_if"] = _trigger(step, 6)
        out.append(spec)
    return out


def _rules() -> list:
    rules = []
    for step in range(1, STEPS + 1):
        s = f"answers.s{step:02d}"
        rules += [
            {"id": f"r{step:02d}_amount", "name": f"第{step}部分金额上限",
             "when": {">": [V(f"{s}_f{2:02d}"), 100000000]}, "message": f"第{step}部分金额超过上限",
             "severity": "blocking", "target": {"field": f"s{step:02d}_f02"}},
            {"id": f"r{step:02d}_count", "name": f"第{step}部分数量提示",
             "when": {">": [V(f"{s}_f{1:02d}"), 500]}, "message": f"第{step}部分数量为 {{{s}_f01}},请核实",
             "severity": "warning", "target": {"field": f"s{step:02d}_f01"}},
            {"id": f"r{step:02d}_id", "name": f"第{step}部分证件年龄",
             "when": {"and": [{"valid_id_card": V(f"{s}_f09")},
                              {"<": [{"age_from_id": [V(f"{s}_f09"), V("today")]}, 18]}]},
             "message": f"第{step}部分证件持有人未满 18 周岁", "severity": "blocking",
             "target": {"field": f"s{step:02d}_f09"}},
            {"id": f"r{step:02d}_dates", "name": f"第{step}部分日期先后",
             "when": {"and": [{"!!": V(f"{s}_f03")}, {"!!": V(f"{s}_f22")},
                              {"<": [{"days_between": [V(f"{s}_f03"), V(f"{s}_f22")]}, 0]}]},
             "message": f"第{step}部分结束日期早于开始日期", "severity": "blocking",
             "target": {"field": f"s{step:02d}_f22"}},
            {"id": f"r{step:02d}_material", "name": f"第{step}部分材料容缺",
             "when": {"and": [{"==": [V(f"{s}_f04"), "o3"]}, {"!": V(f"materials.m{step:02d}.provided")}]},
             "message": f"第{step}部分选择第三项时,申请材料第{step + 1}号可容缺后补", "severity": "tolerated",
             "target": {"material": f"m{step:02d}"}},
        ]
    return rules


def _fees() -> list:
    fees = []
    for i in range(FEES):
        step = 1 + i % STEPS
        fee = {"id": f"fee{i:02d}", "name": f"合成收费第{i + 1}项", "standard": "按面积计收", "basis": "《合成收费办法》",
               "condition": {"==": [V(f"answers.s{step:02d}_f06"), True]},
               "amount": {"*": [{"+": [V(f"answers.s{step:02d}_f01"), 0]}, 150]} if i % 2 else 5000}
        if i % 4 == 0:
            fee["reduction"] = {"allowed": True, "basis": "小微企业减免"}
        fees.append(fee)
    return fees


def build() -> dict:
    doc = copy.deepcopy(json.loads(BASE.read_text("utf-8")))
    doc["catalogue"]["name"] = "大型合成事项(基准测试用)"
    impl = doc["implementation"]
    impl["implementation_code"] = DEPT_CODE + "4" + doc["catalogue"]["basic_code"]
    impl["handle_item_code"] = impl["implementation_code"] + "01"
    impl["implementing_body"] = {**impl["implementing_body"], "name": "秦源县数据局", "credit_code": DEPT_CODE}
    impl["department"] = {**impl["department"], "name": "秦源县数据局", "code": DEPT_CODE}
    steps = []
    for step in range(1, STEPS + 1):
        fields = [_field(step, n) for n in range(FIELDS_PER_STEP)]
        if step % 4 == 1:
            fields.append(_group(step))
        steps.append({"id": f"step{step:02d}", "title": f"第{step}部分", "fields": fields})
    steps[-1]["fields"].append({"id": "pledge", "type": "declaration", "label": "承诺", "required": True,
                                "statement": "本人承诺所填信息真实有效。"})
    doc["form"] = {"steps": steps, "computed": [
        {"id": f"total_{i}", "label": f"合计{i}", "type": "number",
         "logic": {"+": [V(f"answers.s{i:02d}_f01"), V(f"answers.s{i + 1:02d}_f01")]}} for i in range(1, 6)]}
    doc["materials"] = _materials()
    doc["rules"] = _rules()
    doc["fees"] = _fees()
    doc["guide"]["charges"] = True
    return doc


def render(doc: dict) -> str:
    return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the committed file is not current")
    args = parser.parse_args()
    text = render(build())
    if args.check:
        sys.exit(0 if OUT.exists() and OUT.read_text("utf-8") == text else 1)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
