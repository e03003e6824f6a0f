"""Applications for the synthetic item (bench/make_synthetic.py), built in memory: complete, half-filled,
garbage. Deterministic (no randomness). They work on any definition, so the bench also runs them on real items.
"""
from __future__ import annotations

VALID_ID = "11010519491231002X"
VALUES = {"text": "合成文本", "textarea": "合成说明文字", "number": "10", "money": "100.00", "date": "2026-01-05",
          "select": "o1", "radio": "o1", "yes_no": "true", "checkbox_group": ["o1", "o2"], "id_card": VALID_ID,
          "uscc": "11610424MB00000702", "mobile": "13800138000", "region": "610424", "email": "a@example.com",
          "phone": "029-88886666", "declaration": "true"}

# Wrong-shaped or hostile answers, cycled over every field and sub-field by garbage(). Python's json
# module accepts NaN and Infinity, so they can reach the engine from a request body.
BAD_VALUES = [
    {"x": [1, 2]}, [1, [2, {"a": None}]], "NaN", float("nan"), float("inf"), -1, 10 ** 30, 1e308, True, False,
    "", "   ", "2026-02-30", "１２３", "x" * 30000, "a\x00b", "<script>alert(1)</script>", "{answers.s01_f00}",
    "1e400", "-0", "¥-1,00.001元", "是", ["o1", {"o2": 1}], ["o9"] * 600, [None], {"0": {"a": 1}, "x": 2},
    "610424999999", "00000000000000000X", "99999999999999999Y", "13800138000" * 3, "@@", 0.1 + 0.2,
]
# Known to crash or stall the engine; kept out of garbage() until fixed (see tests/engine/test_synthetic.py).
HUGE_NUMBER = "1e5000"


def complete(doc: dict) -> dict:
    answers = {}
    for step in doc["form"]["steps"]:
        for field in step["fields"]:
            if field["type"] == "group":
                answers[field["id"]] = [{sub["id"]: VALUES[sub["type"]] for sub in field["fields"]}]
            else:
                answers[field["id"]] = VALUES[field["type"]]
    files = [{"name": "scan.pdf", "format": "pdf", "size": 2048, "sha256": "0" * 64}]
    return {"applicant": {"type": "person", "name": "张三", "id_type": "111", "id_number": VALID_ID,
                          "mobile": "13800138000"},
            "answers": answers, "materials": {m["id"]: {"files": files} for m in doc["materials"]},
            "submitted_on": "2026-11-24"}


def half_filled(doc: dict) -> dict:
    """Every second step answered (steps 1, 3, 5 …), no materials: many findings at once."""
    app = complete(doc)
    keep = {f["id"] for i, s in enumerate(doc["form"]["steps"]) if i % 2 == 0 for f in s["fields"]}
    app["answers"] = {k: v for k, v in app["answers"].items() if k in keep}
    app["materials"] = {}
    return app


def garbage(doc: dict | None = None) -> dict:
    """Every field answered with a wrong-shaped or hostile value, group rows of every shape, malformed
    materials, applicant, licences and dates, and answers to fields that do not exist."""
    answers = {"s01_f00": {"x": [1, 2]}, "s01_f01": "NaN", "s01_f02": -1, "s01_f03": "2026-02-30",
               "s01_members": "x", "no_such_field": 1, "": None, "__proto__": {"polluted": True}}
    i = 0
    for step in (doc or {}).get("form", {}).get("steps", []):
        for field in step["fields"]:
            if field["type"] == "group":
                subs = [sub["id"] for sub in field["fields"]]
                answers[field["id"]] = [
                    {sub: BAD_VALUES[(i + j + k) % len(BAD_VALUES)] for k, sub in enumerate(subs)} for j in range(5)
                ] + [{}, {"unknown": 1}, {subs[0]: [{"nested": {"deep": [1]}}]}]
            else:
                answers[field["id"]] = BAD_VALUES[i % len(BAD_VALUES)]
            i += 1
    materials = {m["id"]: [
        "x", None, {"files": "x"}, {"files": [1, None, "a.pdf"]},
        {"files": [{"name": {"a": 1}, "format": 5, "size": "big"}, {"format": "exe", "size": 10 ** 12}]},
        {"files": [{"name": "a.pdf", "format": "pdf", "size": -5}] * 60},
        {"pledged": "yes", "received": 1}, {"pledged": True, "received": True, "files": []},
    ][n % 8] for n, m in enumerate((doc or {}).get("materials", []))}
    materials[7] = {"files": []}
    return {"answers": answers, "materials": materials or [1],
            "applicant": {"type": ["person"], "name": {"a": 1}, "id_type": 111, "id_number": "11010519491231002Y",
                          "credit_code": "not-a-code", "mobile": True},
            "licences": {"居民身份证": [1], "": True, "x" * 500: "yes"},
            "submitted_on": "2026-13-45", "channel": ["online"]}
