"""Generate item_defs/synthetic/large-synthetic.json: a schema-valid, lint-clean item about three times
the size of the largest real items, for benchmarks and scale tests.

Size: 12 steps, 322 fields (every one of the 17 field types, three repeating groups, 96 fields with
visible_if/required_if), 5 computed values, 84 rules (blocking/tolerated/warning; targets on fields and
materials; and/or/in/!/!!/==/</>/missing plus the extra operations length, days_between,
valid_id_card, age_from_id), 45 materials (15 with required_if), 12 fees (conditional, fixed or
computed). Department 秦源县数据局, credit code 11610424MB00000702.

Deterministic: no randomness at all (so no seed to keep); the same bytes every run, so
tests/engine/test_synthetic.py can check the committed file is current. The matching applications
(complete, half-filled, garbage) are built in memory by bench/synthetic_applications.py.

Usage: .venv/bin/python bench/make_synthetic.py [--check]
"""
from __future__ import annotations

import argparse
import copy
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from runtime.engine.identifiers import is_valid_uscc, uscc_check_char  # noqa: E402

BASE = ROOT / "item_defs" / "individual-business-registration.json"
OUT = ROOT / "item_defs" / "synthetic" / "large-synthetic.json"
DEPT_NAME = "秦源县数据局"
DEPT_CODE = "11610424MB00000702"
STEPS, FIELDS_PER_STEP, MATERIALS, FEES = 12, 26, 45, 12
V = lambda path: {"var": path}  # noqa: E731

# Field n of every step has type KINDS[n] and label SECTION[step] + STEMS[n].
KINDS = ["text", "number", "money", "date", "select", "radio", "yes_no", "checkbox_group", "textarea", "id_card",
         "uscc", "mobile", "region", "email", "phone", "text", "number", "select", "yes_no", "text",
         "money", "radio", "date", "text", "textarea", "number"]
STEMS = ["名称", "数量", "金额", "开始日期", "类别", "使用方式", "是否涉及特殊情形", "涉及范围", "情况说明",
         "负责人居民身份证号码", "统一社会信用代码", "联系人手机号码", "所在行政区划", "电子邮箱", "联系电话",
         "详细地址", "面积", "等级", "是否已取得相关许可", "负责人姓名", "投资金额", "性质", "结束日期", "登记编号",
         "补充说明", "年限"]
SECTIONS = [("申请人基本信息", "申请人"), ("法定代表人信息", "法定代表人"), ("经营场所信息", "经营场所"),
            ("项目基本情况", "项目"), ("从业人员情况", "从业人员"), ("设施设备情况", "设施设备"),
            ("资金情况", "资金"), ("环境保护措施", "环保措施"), ("安全生产措施", "安全生产"),
            ("卫生管理制度", "卫生管理"), ("委托代理信息", "委托代理"), ("承诺与声明", "附属设施")]
OPTIONS = [{"value": f"o{i}", "label": label} for i, label in enumerate(["甲类", "乙类", "丙类", "丁类", "其他"], 1)]
MATERIAL_NAMES = ["申请书", "身份证明", "营业执照", "场所使用证明", "平面布局图", "设备清单", "从业人员健康证明",
                  "管理制度文本", "检测报告", "环境影响评价文件", "安全评价报告", "授权委托书", "告知承诺书",
                  "资金证明", "其他证明材料"]
assert len(KINDS) == len(STEMS) == FIELDS_PER_STEP and len(SECTIONS) == STEPS


def dept_code() -> str:
    """The department's credit code, its check character fixed if the constant were ever wrong."""
    return DEPT_CODE if is_valid_uscc(DEPT_CODE) else DEPT_CODE[:17] + uscc_check_char(DEPT_CODE[:17])


def fid(step: int, n: int) -> str:
    return f"s{step:02d}_f{n:02d}"


def _field(step: int, n: int) -> dict:
    kind = KINDS[n]
    spec = {"id": fid(step, n), "type": kind, "label": SECTIONS[step - 1][1] + STEMS[n]}
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
    """A condition on the nearest earlier yes/no or select/radio field of the same step."""
    for m in range(n - 1, -1, -1):
        if KINDS[m] == "yes_no":
            return V(f"answers.{fid(step, m)}")
        if KINDS[m] in ("select", "radio"):
            return {"in": [V(f"answers.{fid(step, m)}"), ["o1", "o2"]]}
    return {"!!": V(f"answers.{fid(step, 0)}")}


def _group(step: int) -> dict:
    noun = SECTIONS[step - 1][1]
    return {"id": f"s{step:02d}_members", "type": "group", "label": f"{noun}人员名单", "max_items": 20,
            "fields": [{"id": f"s{step:02d}_member_name", "type": "text", "label": "姓名", "required": True,
                        "max_length": 50},
                       {"id": f"s{step:02d}_member_id", "type": "id_card", "label": "居民身份证号码",
                        "required": True}]}


def _material_name(i: int) -> str:
    return MATERIAL_NAMES[i % len(MATERIAL_NAMES)] + (f"(第{i // len(MATERIAL_NAMES) + 1}册)" if i >= 15 else "")


def _materials() -> list:
    out = []
    for i in range(MATERIALS):
        spec = {"id": f"m{i:02d}", "name": _material_name(i), "basis": "《合成事项管理办法》第十二条",
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
            spec["reason"] = f"{SECTIONS[step - 1][1]}使用方式为甲类或乙类"
        out.append(spec)
    return out


def _rules() -> list:
    rules = []
    for step in range(1, STEPS + 1):
        title, noun = SECTIONS[step - 1]
        a = lambda n: V(f"answers.{fid(step, n)}")  # noqa: E731
        rules += [
            {"id": f"r{step:02d}_amount", "name": f"{noun}金额上限",
             "when": {">": [a(2), 100000000]}, "message": f"{noun}金额超过 100 万元上限",
             "severity": "blocking", "target": {"field": fid(step, 2)}},
            {"id": f"r{step:02d}_count", "name": f"{noun}数量提示",
             "when": {">": [a(1), 500]}, "message": f"{noun}数量为 {{answers.{fid(step, 1)}}},请核实",
             "severity": "warning", "target": {"field": fid(step, 1)}},
            {"id": f"r{step:02d}_id", "name": f"{noun}负责人年龄",
             "when": {"and": [{"valid_id_card": a(9)},
                              {"<": [{"age_from_id": [a(9), V("today")]}, 18]}]},
             "message": f"{noun}负责人未满 18 周岁", "severity": "blocking",
             "target": {"field": fid(step, 9)}},
            {"id": f"r{step:02d}_dates", "name": f"{noun}日期先后",
             "when": {"and": [{"!!": a(3)}, {"!!": a(22)},
                              {"<": [{"days_between": [a(3), a(22)]}, 0]}]},
             "message": f"{noun}结束日期早于开始日期", "severity": "blocking",
             "target": {"field": fid(step, 22)}},
            {"id": f"r{step:02d}_material", "name": f"{noun}材料容缺",
             "when": {"and": [{"==": [a(4), "o3"]}, {"!": V(f"materials.m{step:02d}.provided")}]},
             "message": f"{noun}类别为丙类时,“{_material_name(step)}”可容缺后补", "severity": "tolerated",
             "target": {"material": f"m{step:02d}"}},
            {"id": f"r{step:02d}_contact", "name": f"{noun}联系方式",
             "when": {"or": [{"in": [a(4), ["o4", "o5"]]},
                             {"and": [{"==": [a(6), True]},
                                      {"missing": [f"answers.{fid(step, 11)}", f"answers.{fid(step, 14)}"]}]}]},
             "message": f"{title}:类别为丁类或其他、或涉及特殊情形时,请同时填写手机号码和联系电话",
             "severity": "warning", "target": {"field": fid(step, 11)}},
            {"id": f"r{step:02d}_scope", "name": f"{noun}涉及范围",
             "when": {"or": [{">": [{"length": a(7)}, 3]}, {"in": ["o5", a(7)]}]},
             "message": f"{noun}涉及范围超过 3 项或包含“其他”,须经现场核查", "severity": "blocking",
             "target": {"field": fid(step, 7)}},
        ]
    return rules


def _fees() -> list:
    fees = []
    for i in range(FEES):
        step = 1 + i % STEPS
        noun = SECTIONS[step - 1][1]
        fee = {"id": f"fee{i:02d}", "name": f"{noun}登记费" if i % 2 == 0 else f"{noun}查验费",
               "standard": "每件 50 元" if i % 2 == 0 else "按数量每单位 1.50 元", "basis": "《合成收费办法》第三条",
               "condition": {"==": [V(f"answers.{fid(step, 6)}"), True]},
               "amount": {"*": [{"+": [V(f"answers.{fid(step, 1)}"), 0]}, 150]} if i % 2 else 5000}
        if i % 4 == 0:
            fee["reduction"] = {"allowed": True, "basis": "小微企业减免"}
        fees.append(fee)
    return fees


def build() -> dict:
    doc = copy.deepcopy(json.loads(BASE.read_text("utf-8")))
    doc["catalogue"]["name"] = "大型合成事项(基准测试用)"
    code = dept_code()
    impl = doc["implementation"]
    impl["implementation_code"] = code + "4" + doc["catalogue"]["basic_code"]
    impl["handle_item_code"] = impl["implementation_code"] + "01"
    impl["implementing_body"] = {**impl["implementing_body"], "name": DEPT_NAME, "credit_code": code}
    impl["department"] = {**impl["department"], "name": DEPT_NAME, "code": code}
    steps = []
    for step in range(1, STEPS + 1):
        fields = [_field(step, n) for n in range(FIELDS_PER_STEP)]
        if step % 4 == 1:
            fields.append(_group(step))
        steps.append({"id": f"step{step:02d}", "title": SECTIONS[step - 1][0], "fields": fields})
    steps[-1]["fields"].append({"id": "pledge", "type": "declaration", "label": "真实性承诺", "required": True,
                                "statement": "本人承诺所填信息真实有效。"})
    doc["form"] = {"steps": steps, "computed": [
        {"id": f"total_{i}", "label": f"{SECTIONS[i - 1][1]}与{SECTIONS[i][1]}数量合计", "type": "number",
         "logic": {"+": [V(f"answers.{fid(i, 1)}"), V(f"answers.{fid(i + 1, 1)}")]}} for i in range(1, 6)]}
    doc["materials"] = _materials()
    doc["rules"] = _rules()
    doc["fees"] = _fees()
    doc["guide"]["charges"] = True
    doc["guide"]["fee_note"] = "按收费项目计收"
    return doc


def render(doc: dict) -> str:
    return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the committed file is not current")
    args = parser.parse_args()
    text = render(build())
    if args.check:
        current = OUT.exists() and OUT.read_text("utf-8") == text
        print(f"{OUT.relative_to(ROOT)} is {'current' if current else 'OUT OF DATE'}")
        sys.exit(0 if current else 1)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
