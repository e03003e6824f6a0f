"""The material library behind 从材料库添加: every entry makes a valid material, and the picker can search
it by pinyin; the fee 试算 endpoint rounds as applications are rounded."""
from builder.material_library import library
from runtime.engine.validation import validate_definition
from tests.builder.test_builder_api import api, world  # noqa: F401 - the API tests' world fixture
from tests.conftest import login
from tests.engine.factories import definition
from tests.web.people import PASSWORD

COMMON = ["营业执照", "居民身份证", "居民户口簿", "授权委托书", "法定代表人身份证明", "场所使用证明", "健康证明"]


def test_every_entry_is_a_valid_material_with_its_source():
    entries = library()
    assert set(COMMON) <= {e["name"] for e in entries}
    doc = definition()
    for i, entry in enumerate(entries):  # as designer-materials.js fills a new row
        material = {"id": f"lib_{i}", "name": entry["name"], "kind": entry["kind"], "necessity": "required",
                    "media": entry.get("media", "paper_and_electronic"), "source": entry["source"],
                    "copies": entry["copies"], "acceptance_standard": entry["acceptance_standard"], "basis": "某依据"}
        doc["materials"].append(material)
        assert entry["source"]["channel"] != "government" or entry["source"].get("licence_type"), entry["name"]
        counts = entry["copies"]
        assert (counts["original"] > 0) == (entry["kind"] != "copy") and (counts["copy"] > 0) == (entry["kind"] != "original")
    assert [p.to_dict() for p in validate_definition(doc)] == []


def test_searchable_by_pinyin_and_initials():
    by_name = {e["name"]: e for e in library()}
    assert "yyzz" in by_name["营业执照"]["initials"].split()
    assert "hkb" in by_name["居民户口簿"]["initials"].split()  # by its alias 户口簿 too
    assert "yingyezhizhao" in by_name["营业执照"]["pinyin"]


def test_the_library_and_fee_trial_endpoints(client, world):  # noqa: F811
    login(client, "admin_a", PASSWORD)
    listed = client.get("/builder/api/material-library").json["materials"]
    assert listed[0]["name"] == "营业执照" and listed[0]["initials"].startswith("yyzz")
    formula = {"if": [{"==": [{"var": "answers.small"}, True]}, 0,
                      {"min": [{"*": [{"var": "answers.area"}, 201]}, 50000]}]}
    assert api(client, "POST", "/fee-try", {"amount": formula, "answers": {"area": 0.5}}).json == {"fen": 101}
    assert api(client, "POST", "/fee-try", {"amount": formula, "answers": {"area": 1000}}).json == {"fen": 50000}
    assert api(client, "POST", "/fee-try", {"amount": formula, "answers": {"area": 9, "small": True}}).json == {"fen": 0}
    missing = api(client, "POST", "/fee-try", {"amount": formula, "answers": {}})
    assert missing.status_code == 400 and "计费数量" in missing.json["message"]
    broken = api(client, "POST", "/fee-try", {"amount": {"nope": [1]}, "answers": {}})
    assert broken.status_code == 400 and broken.json["message"].startswith("金额公式无效")


def test_the_library_is_for_authors(client, world):  # noqa: F811
    assert client.get("/builder/api/material-library").status_code == 401
