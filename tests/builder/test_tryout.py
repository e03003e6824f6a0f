"""试填 on the server: the definition being edited and the try form's fields give the form's controls, the
visible fields, and the results (materials with reasons and ticks, fees, what the one-time notice lists)."""
import copy
import re

from tests.conftest import login, logout
from tests.engine.factories import definition
from tests.web.people import PASSWORD
from tests.builder.test_builder_api import token_of, world  # noqa: F401  (the fixture)


def tryout(client, item_id, doc, pairs):
    return client.post(f"/builder/items/{item_id}/tryout", json={"definition": doc, "pairs": pairs},
                       headers={"X-CSRFToken": token_of(client)})


def test_answers_and_ticks_change_materials_and_notice(client, world):
    login(client, "admin_a", PASSWORD)
    doc = definition()
    plain = tryout(client, world.item_a, doc, []).json
    assert 'name="kind"' in plain["form"] and 'id="i-try-kind"' in plain["form"]  # ids cannot clash with the editor's
    assert "agent_name" not in plain["visible"]
    assert "乙类证明" not in plain["results"] and "缺少“申请表”" in plain["results"]

    chosen = tryout(client, world.item_a, doc, [["kind", "b"], ["area", "600"], ["has_agent", "true"],
                                                ["_provided", "form_doc"]]).json
    assert "agent_name" in chosen["visible"]
    assert "乙类证明" in chosen["results"] and "因“类别”为乙类" in chosen["results"]
    assert "面积 600 超过 500" in chosen["results"]
    notice = chosen["results"].split("try-notice")[1]
    assert "缺少“申请表”" not in notice                                            # ticked as provided
    assert re.search(r'id="try-provided-form_doc" checked', chosen["results"])
    assert "_provided=form_doc" in chosen["results"] and "kind=b" in chosen["results"]  # the PDF follows


def test_unsaved_edits_are_tried_and_a_broken_draft_explained(client, world):
    login(client, "admin_a", PASSWORD)
    doc = definition()
    doc["materials"][1]["name"] = "乙类资质证明"
    assert "乙类资质证明" in tryout(client, world.item_a, doc, [["kind", "b"]]).json["results"]
    incomplete = copy.deepcopy(doc)
    incomplete["guide"]["summary"] = ""                                         # a checklist entry: tried anyway
    tried = tryout(client, world.item_a, incomplete, [])
    assert tried.status_code == 200 and "还有 1 项未完善" in tried.json["results"]
    broken = copy.deepcopy(doc)
    del broken["form"]
    refused = tryout(client, world.item_a, broken, [])
    assert refused.status_code == 422 and "才能试填" in refused.json["message"]
    assert tryout(client, world.item_a, "x", []).status_code == 422


def test_only_the_items_authors_with_the_token(client, world):
    login(client, "admin_b", PASSWORD)
    assert tryout(client, world.item_a, definition(), []).status_code == 404
    logout(client)
    login(client, "admin_a", PASSWORD)
    forged = client.post(f"/builder/items/{world.item_a}/tryout", json={"definition": definition(), "pairs": []})
    assert forged.status_code == 400                                             # no CSRF token
    huge = tryout(client, world.item_a, {"x": "字" * 1_000_000}, [])
    assert huge.status_code == 413 and "过大" in huge.json["message"]
