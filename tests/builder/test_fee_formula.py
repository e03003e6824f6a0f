"""The designer's money and fee formulas (runtime/static/js/designer-money.js, run in node): 元 ↔ 分 on the
digits, the formula builder's JsonLogic and back, and the promise its sentence makes — checked against
what the engine computes for an application (decimal arithmetic, rounded half up to a fen)."""
import json
import subprocess
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest

from runtime.engine.compiled_item import compile_item
from runtime.engine.prereview import prereview
from tests.engine.factories import definition
from tests.logic.node_runner import require_node

MODULE = Path(__file__).resolve().parents[2] / "runtime/static/js/designer-money.js"
SMALL = {"==": [{"var": "answers.has_agent"}, True]}   # the factory's yes/no field stands in for 是否小微企业


def js(calls: list) -> list:
    """Each [function, *args] called on the module; texts are the Chinese ui texts for describeFormula."""
    script = f"""
      const M = require({json.dumps(str(MODULE))});
      const texts = JSON.parse(process.argv[1]), calls = JSON.parse(process.argv[2]);
      const t = (k, v) => (texts[k] || k).replace(/%\\((\\w+)\\)s/g, (m, n) => v && n in v ? v[n] : m);
      console.log(JSON.stringify(calls.map(([name, ...args]) =>
        name === "describeFormula" ? M.describeFormula(args[0], Object.assign({{ t }}, args[1])) : M[name](...args))));
    """
    done = subprocess.run([require_node(), "-e", script, json.dumps(TEXTS), json.dumps(calls)],
                          capture_output=True, text=True, timeout=60, check=True)
    return json.loads(done.stdout)


TEXTS = {}


@pytest.fixture(autouse=True)
def chinese_texts(app):
    from flask_babel import force_locale

    from builder.ui_texts import ui_texts
    with app.test_request_context(), force_locale("zh"):
        TEXTS.update(ui_texts())


def test_yuan_to_fen_on_the_digits():
    cases = ["12.50", "10", "1,000", "0.29", "12.5元", " 3 ", "0.07", "9999999999999.99", "1.005", "abc", "", "-1", "1.", "１０"]
    assert js([["toFen", c] for c in cases]) == [1250, 1000, 100000, 29, 1250, 300, 7, 999999999999999,
                                                  None, None, None, None, None, None]


def test_fen_to_yuan():
    assert js([["toYuan", 1250], ["toYuan", 5], ["toYuan", 0], ["toYuan", 123456789, True], ["toYuan", 100000]]) == [
        "12.50", "0.05", "0.00", "1,234,567.89", "1000.00"]


SPECS = [
    {"quantity": "answers.area", "price": 200, "cap": None, "waiver": None},
    {"quantity": "answers.area", "price": 200, "cap": 50000, "waiver": None},
    {"quantity": "answers.area", "price": 201, "cap": 50000, "waiver": {"when": SMALL, "percent": 100}},
    {"quantity": "answers.area", "price": 1005, "cap": None, "waiver": {"when": SMALL, "percent": 30}},
]


def test_the_formula_is_the_jsonlogic_the_engine_reads_and_parses_back():
    built = js([["buildFormula", s] for s in SPECS])
    assert built[0] == {"*": [{"var": "answers.area"}, 200]}
    assert built[1] == {"min": [{"*": [{"var": "answers.area"}, 200]}, 50000]}
    assert built[2] == {"if": [SMALL, 0, {"min": [{"*": [{"var": "answers.area"}, 201]}, 50000]}]}
    assert built[3] == {"if": [SMALL, {"/": [{"*": [{"*": [{"var": "answers.area"}, 1005]}, 70]}, 100]},
                               {"*": [{"var": "answers.area"}, 1005]}]}
    assert js([["parseFormula", b] for b in built]) == SPECS
    # other shapes stay raw JsonLogic (高级)
    assert js([["parseFormula", {"*": [{"var": "answers.area"}, 0.05, 100000]}],
               ["parseFormula", {"+": [{"var": "answers.area"}, 100]}],
               ["parseFormula", {"*": [{"var": "answers.area"}, 1.5]}]]) == [None, None, None]


def test_the_sentence_reads_the_formula_back():
    spec = SPECS[2] | {"price": 200}
    words = {"quantity": "“面积”", "when": "当“是否小微企业”等于“是”时"}
    assert js([["describeFormula", spec, words]]) == ["按“面积”× 2.00 元计算,最高 500.00 元;当“是否小微企业”等于“是”时免收"]
    assert js([["describeFormula", SPECS[3], words]]) == ["按“面积”× 10.05 元计算;当“是否小微企业”等于“是”时减收 30%"]
    assert js([["describeFormula", SPECS[0] | {"price": 123456}, words]]) == ["按“面积”× 1,234.56 元计算"]


def promised(spec, area, small) -> int:
    """What the sentence promises, computed in decimals and rounded half up to a fen."""
    amount = Decimal(str(area)) * spec["price"]
    if spec["cap"] is not None:
        amount = min(amount, Decimal(spec["cap"]))
    if spec["waiver"] and small:
        amount = amount * (100 - spec["waiver"]["percent"]) / 100
    return int(amount.quantize(Decimal(1), rounding=ROUND_HALF_UP))


@pytest.mark.parametrize("area", [0, 0.5, 1.005, 2.675, 100.5, 248.75, 249, 1000])
def test_the_engine_charges_what_the_sentence_promises(area):
    built = js([["buildFormula", s] for s in SPECS])
    doc = definition(fees=[{"id": f"fee_{i}", "name": f"收费 {i}", "standard": "按面积", "basis": "某依据", "amount": b}
                           for i, b in enumerate(built)])
    doc["guide"]["charges"] = True
    item = compile_item(doc)
    for small in (False, True):
        answers = {"name": "张三", "kind": "a", "area": area, "has_agent": small}
        result = prereview(item, {"answers": answers, "applicant": {}, "materials": {}}, deadlines=False)
        assert [f.amount_fen for f in result.fees] == [promised(s, area, small) for s in SPECS], (area, small)


@pytest.mark.parametrize("spec, area, fen", [
    (SPECS[0] | {"price": 100}, 1.005, 101),   # 1.005 × 1.00 元 = 1.005 元 (100.49999999999999 fen as a double)
    (SPECS[2] | {"waiver": None}, 0.5, 101),   # 0.5 × 2.01 元 = 1.005 元
    (SPECS[3], 1, 704),                         # 10.05 元 less 30 % = 7.035 元
])
def test_half_a_fen_rounds_up(spec, area, fen):
    doc = definition(fees=[{"id": "fee", "name": "收费", "standard": "按面积", "basis": "某依据",
                            "amount": js([["buildFormula", spec]])[0]}])
    doc["guide"]["charges"] = True
    answers = {"name": "张三", "kind": "a", "area": area, "has_agent": True}
    result = prereview(compile_item(doc), {"answers": answers, "applicant": {}, "materials": {}}, deadlines=False)
    assert result.fees[0].amount_fen == fen == promised(spec, area, True)


# A fixed base plus a per-unit part, and a repeating group's row count as the quantity.
STAFF = {"id": "staff", "type": "group", "label": "从业人员", "fields": [{"id": "staff_name", "type": "text", "label": "姓名"}]}
BASED = [
    {"quantity": "answers.staff", "price": 2000, "cap": None, "waiver": None, "rows": True},
    {"quantity": "answers.area", "price": 150, "cap": None, "waiver": None, "base": 10000},
    {"quantity": "answers.staff", "price": 2005, "cap": 20000, "waiver": {"when": SMALL, "percent": 30}, "rows": True, "base": 5000},
]


def test_base_and_rows_are_jsonlogic_that_parses_back():
    built = js([["buildFormula", s] for s in BASED])
    assert built[0] == {"*": [{"length": {"var": "answers.staff"}}, 2000]}
    assert built[1] == {"+": [10000, {"*": [{"var": "answers.area"}, 150]}]}
    assert built[2]["if"][2] == {"min": [{"+": [5000, {"*": [{"length": {"var": "answers.staff"}}, 2005]}]}, 20000]}
    assert js([["parseFormula", b] for b in built]) == BASED
    assert js([["parseFormula", {"+": [{"var": "answers.area"}, 100]}],            # not a base in fen
               ["parseFormula", {"*": [{"length": [{"var": "a"}, 1]}, 100]}]]) == [None, None]


def test_the_sentence_names_the_base_and_the_rows():
    words = {"quantity": TEXTS["fee_rows_of"].replace("%(group)s", "从业人员"), "when": "当“是否小微企业”等于“是”时"}
    assert js([["describeFormula", BASED[2], words]]) == [
        "基数 50.00 元,另按“从业人员”的填写条数× 20.05 元计算,最高 200.00 元;当“是否小微企业”等于“是”时减收 30%"]
    assert js([["describeFormula", BASED[1], {"quantity": "“面积”", "when": ""}]]) == ["基数 100.00 元,另按“面积”× 1.50 元计算"]


def promised_based(spec, rows, area, small) -> int:
    """What the sentence promises: base + quantity × price, at most the cap, less the waiver, half up to a fen."""
    quantity = Decimal(rows) if spec.get("rows") else Decimal(str(area))
    amount = Decimal(spec.get("base", 0)) + quantity * spec["price"]
    if spec["cap"] is not None:
        amount = min(amount, Decimal(spec["cap"]))
    if spec["waiver"] and small:
        amount = amount * (100 - spec["waiver"]["percent"]) / 100
    return int(amount.quantize(Decimal(1), rounding=ROUND_HALF_UP))


@pytest.mark.parametrize("rows, area", [(0, 0), (1, 0.5), (3, 2.675), (7, 248.75), (12, 1000)])
def test_the_engine_charges_base_and_rows_as_the_sentence_says(rows, area):
    doc = definition(fees=[{"id": f"fee_{i}", "name": f"收费 {i}", "standard": "按人数", "basis": "某依据", "amount": b}
                           for i, b in enumerate(js([["buildFormula", s] for s in BASED]))])
    doc["form"]["steps"][0]["fields"].append(STAFF)
    doc["guide"]["charges"] = True
    item = compile_item(doc)
    for small in (False, True):
        answers = {"name": "张三", "kind": "a", "area": area, "has_agent": small,
                   "staff": [{"staff_name": f"员工{n}"} for n in range(rows)]}
        result = prereview(item, {"answers": answers, "applicant": {}, "materials": {}}, deadlines=False)
        assert [f.amount_fen for f in result.fees] == [promised_based(s, rows, area, small) for s in BASED], (rows, small)
