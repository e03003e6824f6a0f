"""An item published before the cost limits (issue #17 §1) keeps serving its pages: a condition that runs
out of budget counts as true and is a warning for the clerk, never a 500 or a hung worker. The version is
stored as it was then, behind the lint that now refuses it."""
import json

from runtime.engine.definition import definition_checksum
from runtime.extensions import db
from runtime.models import Item, ItemVersion
from tests.portal.conftest import EXAMPLE, start, submit_form
from tests.portal.test_application_flow import fill_applicant

ACC = {"var": "accumulator"}
DOUBLING = {"reduce": [list(range(40)), {"cat": [ACC, ACC]}, "x"]}          # 2^40 characters
R1000 = list(range(1000))
NESTED = {"some": [R1000, {"some": [R1000, {"some": [R1000, False]}]}]}     # 10^9 steps


def _published_before_the_limits(app, item_id) -> None:
    doc = json.loads(EXAMPLE.read_text("utf-8"))
    step = doc["form"]["steps"][1]
    step["fields"][1]["visible_if"] = DOUBLING                                  # business_name
    doc["materials"][4]["required_if"] = {"or": [NESTED, {"var": "answers.by_agent"}]}   # agent_authorization
    with app.app_context():
        item = db.session.get(Item, item_id)
        versions = ItemVersion.__table__   # past the ORM, which keeps published versions immutable
        db.session.execute(versions.update().where(versions.c.item_id == item.id,
                                                   versions.c.number == item.current_version)
                           .values(definition=doc, checksum=definition_checksum(doc)))
        db.session.commit()


def test_pages_of_an_item_published_before_the_limits_still_answer(app, client, item_id):
    _published_before_the_limits(app, item_id)
    scenario = client.get(f"/zwfw/items/{item_id}/scenario?by_agent=false")
    assert scenario.status_code == 200 and "委托书" in scenario.get_data(as_text=True)   # counted as applying
    base = start(client, item_id)
    fill_applicant(client, base)
    step = client.get(f"{base}/step_business")
    assert step.status_code == 200 and 'name="business_name"' in step.get_data(as_text=True)  # counted as shown
    review = client.get(f"{base}/review")
    assert review.status_code == 200
    assert client.post(f"{base}/submit", data=submit_form(client, base)).status_code == 302
