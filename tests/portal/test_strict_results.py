"""A pre-review result is strict JSON, so PostgreSQL's jsonb stores it (issue #17 §3): a computed value of a
missing number is null, not NaN. Runs on SQLite and, with YIWANG_TEST_DB=postgresql, on PostgreSQL."""
import json

from sqlalchemy import select

from builder.item_store import publish
from runtime.extensions import db
from runtime.models import Application
from tests.portal.conftest import EXAMPLE, start, submit_form
from tests.portal.test_application_flow import fill_applicant


def test_a_result_with_a_computed_value_of_a_missing_number_is_stored(app, client):
    doc = json.loads(EXAMPLE.read_text("utf-8"))
    doc["form"]["computed"].append({"id": "capital_wan", "label": "资金数额(万元)",
                                    "logic": {"*": [{"var": "answers.capital"}, 0.000001]}})
    with app.app_context():
        item_id = publish(doc).item.id
        db.session.commit()
    base = start(client, item_id)
    fill_applicant(client, base)                         # capital is never answered: null * x is NaN in JS (parseFloat)
    response = client.post(f"{base}/submit", data=submit_form(client, base))
    assert response.status_code == 302
    with app.app_context():
        application = db.session.scalar(select(Application))
        assert application.status == "needs_correction"
        assert application.prereview["computed"]["capital_wan"] is None
