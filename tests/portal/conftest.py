"""A published example item for the citizen pages, and helpers to post forms like a browser."""
import json
from datetime import date
from pathlib import Path

import pytest

from builder.item_store import publish
from runtime.extensions import db
from tests.conftest import csrf_token
from tests.html_forms import hidden_fields

EXAMPLE = Path(__file__).resolve().parents[2] / "item_defs" / "individual-business-registration.json"
VALID_ID = "11010519491231002X"


# The pages count deadlines (the 5-working-day acceptance notice, the promised date) from today. A fixed day
# inside the years the working-day calendar knows: the real date passes the last known year every December,
# and a page then rightly shows no date (tests/engine/test_boundaries.py covers that case).
TODAY = date(2026, 11, 24)


@pytest.fixture(autouse=True)
def _fixed_today(monkeypatch):
    monkeypatch.setattr("runtime.clock.today", lambda: TODAY)


@pytest.fixture
def item_id(app):
    with app.app_context():
        item = publish(json.loads(EXAMPLE.read_text("utf-8"))).item
        db.session.commit()
        return item.id


def post_form(client, url, data, **kw):
    """GET the page for its CSRF token, then POST ``data`` to ``url`` (like submitting the form)."""
    page = client.get(url, **kw)
    return client.post(url, data={**data, "csrf_token": csrf_token(page.get_data(as_text=True))})


def submit_form(client, base) -> dict:
    """The review page's submit form as the browser would post it (CSRF token and revision)."""
    return hidden_fields(client.get(f"{base}/review").get_data(as_text=True), "/submit")


def start(client, item_id) -> str:
    """Start an application; returns the resume URL prefix /zwfw/a/<token>."""
    page = client.get(f"/zwfw/items/{item_id}/apply")
    response = client.post(f"/zwfw/items/{item_id}/start", data={"csrf_token": csrf_token(page.get_data(as_text=True))})
    assert response.status_code == 302
    location = response.headers["Location"]
    assert location.endswith("/applicant")
    return location.rsplit("/", 1)[0]
