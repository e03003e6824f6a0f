"""Fixtures of the clerk tests: a submitted 施工许可 case of the 住建局 and a CSRF-aware post."""
import json
import re
from datetime import date
from pathlib import Path

import pytest

from builder.item_store import publish
from runtime.extensions import db
from runtime.portal.drafts import create_draft, record_status
from runtime.security.roles import CLERK
from tests.web.people import add_user, build_world

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests/fixtures/applications/construction-permit"
RESUME_LINKS: dict = {}  # application id -> the applicant's secret token


@pytest.fixture
def case(app, monkeypatch):
    """A submitted 施工许可 application of the 住建局, a clerk of that department and one of another."""
    monkeypatch.setattr("runtime.clock.today", lambda: date(2026, 10, 9))
    with app.app_context():
        build_world()
        item = publish(json.loads((ROOT / "item_defs/construction-permit.json").read_text("utf-8"))).item
        dept = item.department
        dept.abbreviation = "秦建"
        add_user("clerk_zj", CLERK, [dept])
        application, token = create_draft(item.versions[-1])
        data = json.loads((FIXTURES / "complete.json").read_text("utf-8"))
        application.applicant, application.answers, application.materials = data["applicant"], data["answers"], data["materials"]
        application.number = "20261009-0001-0001"
        from runtime.engine.compiled_item import compile_item
        from runtime.engine.prereview import prereview
        application.prereview = prereview(compile_item(item.versions[-1].definition), data).to_dict()
        record_status(application, "draft", "submitted", "网上提交")
        db.session.commit()
        RESUME_LINKS[application.id] = token
        return application.id


def post(client, url, **data):
    page = client.get("/clerk/").get_data(as_text=True)
    token = re.search(r'name="csrf-token" content="([^"]+)"', page).group(1)
    return client.post(url, data={**data, "csrf_token": token})
