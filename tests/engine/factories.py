"""Small, valid definitions and identifiers for engine tests."""
from __future__ import annotations

import copy

W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def make_id(area="610424", birth="19900101", seq="123") -> str:
    body = area + birth + seq
    return body + "10X98765432"[sum(int(c) * w for c, w in zip(body, W)) % 11]


def bad_check_digit(number: str) -> str:
    last = number[-1]
    return number[:-1] + ("0" if last != "0" else "1")


def make_uscc(p17="91610424MA6X00001") -> str:
    s = sum(USCC_ALPHABET.index(c) * pow(3, i, 31) for i, c in enumerate(p17))
    return p17 + USCC_ALPHABET[(31 - s % 31) % 31]


DEPT_CODE = "11610424MB0000011Y"

BASE = {
    "schema_version": "1.0",
    "catalogue": {
        "name": "测试事项", "basic_code": "000100000001", "task_type": "01",
        "legal_basis": [{"law": "《中华人民共和国行政许可法》", "rank": "law", "article": "第二十九条"}],
    },
    "implementation": {
        "implementation_code": DEPT_CODE + "4" + "000100000001",
        "project_type": "promised",
        "implementing_body": {"name": "秦源县测试局", "credit_code": DEPT_CODE, "nature": "1"},
        "department": {"name": "秦源县测试局", "code": DEPT_CODE},
    },
    "guide": {
        "accept_conditions": ["符合条件"],
        "locations": [{"name": "窗口", "address": "人民路 1 号"}],
        "consult_phone": "0910-6500000", "supervise_phone": "12345", "charges": False,
    },
    "time_limits": {"legal": {"value": 20, "unit": "working_day"}, "promised": {"value": 10, "unit": "working_day"}},
    "form": {"steps": [{"id": "main", "title": "基本信息", "fields": [
        {"id": "name", "type": "text", "label": "姓名", "required": True, "max_length": 20},
        {"id": "kind", "type": "select", "label": "类别", "required": True,
         "options": [{"value": "a", "label": "甲类"}, {"value": "b", "label": "乙类"}]},
        {"id": "area", "type": "number", "label": "面积", "min": 0, "max": 1000},
        {"id": "has_agent", "type": "yes_no", "label": "是否委托代理人"},
        {"id": "agent_name", "type": "text", "label": "代理人姓名",
         "visible_if": {"var": "answers.has_agent"}, "required_if": {"var": "answers.has_agent"}},
    ]}]},
    "materials": [
        {"id": "form_doc", "name": "申请表", "kind": "original", "media": "electronic", "necessity": "required",
         "source": {"channel": "applicant"}, "acceptance_standard": "签字",
         "electronic": {"formats": ["pdf"], "max_size_kb": 1024, "max_files": 2}},
        {"id": "b_proof", "name": "乙类证明", "kind": "copy", "media": "paper_and_electronic", "necessity": "required",
         "required_if": {"==": [{"var": "answers.kind"}, "b"]}, "source": {"channel": "applicant"},
         "acceptance_standard": "加盖公章"},
        {"id": "id_proof", "name": "身份证", "kind": "copy", "media": "electronic", "necessity": "required",
         "source": {"channel": "government", "licence_type": "居民身份证"}, "acceptance_standard": "有效期内"},
        {"id": "site_photo", "name": "现场照片", "kind": "original", "media": "electronic", "necessity": "tolerated",
         "supplement_days": 5, "source": {"channel": "applicant"}, "acceptance_standard": "清晰"},
    ],
    "rules": [
        {"id": "big_area", "when": {">": [{"var": "answers.area"}, 500]}, "message": "面积 {answers.area} 超过 500",
         "severity": "blocking", "target": {"field": "area"}},
    ],
}


def definition(**changes) -> dict:
    """A deep copy of BASE with top-level sections replaced."""
    doc = copy.deepcopy(BASE)
    doc.update(copy.deepcopy(changes))
    return doc


def pdf(name="a.pdf", size=1000) -> dict:
    return {"name": name, "format": "pdf", "size": size, "sha256": "0" * 64}


def application(**changes) -> dict:
    app = {
        "applicant": {"type": "person", "name": "张三", "id_type": "111", "id_number": make_id(), "mobile": "13800138000"},
        "answers": {"name": "张三", "kind": "a", "area": 100, "has_agent": False},
        "materials": {"form_doc": {"files": [pdf()]}, "id_proof": {"files": [pdf("id.pdf")]},
                      "site_photo": {"files": [pdf("p.pdf")]}},
        "submitted_on": "2026-11-02",
    }
    app.update(changes)
    return app
