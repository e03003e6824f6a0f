"""The builder's version list shows ``published_local``, and ``published_at`` carries the centre's offset:
both are the centre's local time, not UTC (versions are stored with naive UTC timestamps)."""
from datetime import datetime, timedelta

from runtime.extensions import db
from runtime.models import Item
from tests.conftest import login
from tests.web.people import PASSWORD


def test_version_times_are_local(app, client, office):
    with app.app_context():
        stored = db.session.get(Item, office.item_a).versions[-1].published_at
    login(client, "admin_a", PASSWORD)
    version = client.get(f"/builder/api/items/{office.item_a}/versions").json[0]
    shown = version["published_at"]
    assert version["published_local"] == (stored + timedelta(hours=8)).strftime("%Y-%m-%d %H:%M")
    assert shown.endswith("+08:00")
    assert shown[:16] == (stored + timedelta(hours=8)).strftime("%Y-%m-%dT%H:%M")
    assert datetime.fromisoformat(shown).replace(tzinfo=None) - stored == timedelta(hours=8)
