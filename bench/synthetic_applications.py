"""Applications for the synthetic item (bench/make_synthetic.py): complete, half-filled, garbage."""
from __future__ import annotations

VALID_ID = "11010519491231002X"
VALUES = {"text": "合成文本", "textarea": "合成说明文字", "number": "10", "money": "100.00", "date": "2026-01-05",
          "select": "o1", "radio": "o1", "yes_no": "true", "checkbox_group": ["o1", "o2"], "id_card": VALID_ID,
          "uscc": "11610424MB00000702", "mobile": "13800138000", "region": "610424", "email": "a@example.com",
          "phone": "029-88886666", "declaration": "true"}


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
    """Every second step answered, no materials: many findings at once."""
    app = complete(doc)
    keep = {f["id"] for i, s in enumerate(doc["form"]["steps"]) if i % 2 == 0 for f in s["fields"]}
    app["answers"] = {k: v for k, v in app["answers"].items() if k in keep}
    app["materials"] = {}
    return app


def garbage() -> dict:
    return {"answers": {"s01_f00": {"x": [1, 2]}, "s01_f01": "NaN", "s01_f02": -1, "s01_f03": "2026-02-30",
                        "s01_members": "x"}, "materials": [1], "applicant": 5, "submitted_on": "never"}
