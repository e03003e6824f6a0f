"""A bug in the lint never locks an author out (issue #17 §5): with the lint raising, the draft still
loads, saves, checks and opens in the designer, and publishing is refused with the problem, never a 500."""
import copy

from runtime.engine import lint as lint_module
from tests.builder.test_builder_api import api, world  # noqa: F401 - fixture
from tests.conftest import login
from tests.web.people import PASSWORD


def _crashing_lint(monkeypatch):
    def broken(doc, index):
        raise TypeError("a bug in the lint")
        yield
    monkeypatch.setattr(lint_module, "_fees", broken)


def test_a_crashing_lint_leaves_every_builder_action_usable(client, world, monkeypatch):  # noqa: F811
    login(client, "admin_a", PASSWORD)
    _crashing_lint(monkeypatch)
    draft = client.get(f"/builder/api/items/{world.item_a}/draft")
    assert draft.status_code == 200
    assert [p["code"] for p in draft.json["problems"]] == ["lint.crashed"]
    doc = copy.deepcopy(draft.json["definition"])
    doc["catalogue"]["name"] = "改过的名称"
    saved = api(client, "PUT", f"/items/{world.item_a}/draft", {"definition": doc,
                                                                 "lock_version": draft.json["lock_version"]})
    assert saved.status_code == 200 and saved.json["definition"]["catalogue"]["name"] == "改过的名称"
    checked = api(client, "POST", "/check", {"definition": doc})
    assert checked.status_code == 200 and "校验程序出错" in checked.json["problems"][0]["message"]
    assert client.get(f"/builder/items/{world.item_a}").status_code == 200
    refused = api(client, "POST", f"/items/{world.item_a}/publish", {"lock_version": saved.json["lock_version"]})
    assert refused.status_code == 422 and any(p["code"] == "lint.crashed" for p in refused.json["problems"])
