"""Every shipped example renders on every citizen page: guide, sub-columns, scenario guide and each step."""
import json
from pathlib import Path

import pytest

from builder.item_store import publish
from runtime.extensions import db
from tests.portal.conftest import start

ITEMS = sorted((Path(__file__).resolve().parents[2] / "item_defs").glob("*.json"))


@pytest.mark.parametrize("path", ITEMS, ids=[p.stem for p in ITEMS])
def test_all_pages_render(app, client, path):
    doc = json.loads(path.read_text("utf-8"))
    with app.app_context():
        item_id = publish(doc).item.id
        db.session.commit()
    for tab in ("", "/downloads", "/apply", "/result", "/consult", "/scenario"):
        response = client.get(f"/zwfw/items/{item_id}{tab}")
        assert response.status_code == 200, tab
        assert doc["catalogue"]["name"] in response.get_data(as_text=True)
    base = start(client, item_id)
    for key in ["applicant"] + [s["id"] for s in doc["form"]["steps"]] + ["materials", "review"]:
        response = client.get(f"{base}/{key}")
        assert response.status_code in (200, 404), key  # 404: a step hidden by its condition
        if key == doc["form"]["steps"][0]["id"]:
            page = response.get_data(as_text=True)
            assert all(f["label"] in page for f in doc["form"]["steps"][0]["fields"] if "visible_if" not in f)
