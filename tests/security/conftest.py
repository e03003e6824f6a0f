"""Actors for the security suite: two departments (甲 owns the example item), a clerk and an admin of
each, a system administrator and two citizens; helpers to act as them like a browser would."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from builder.item_store import publish
from runtime.extensions import db
from runtime.portal.drafts import create_draft, next_number, record_status
from runtime.security.roles import APPLICANT, CLERK
from tests.conftest import logout
from tests.web.people import PASSWORD, add_user, build_world

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "item_defs" / "individual-business-registration.json"  # belongs to department 甲 (DEPT_A)
COMPLETE = ROOT / "tests/fixtures/applications/individual-business-registration/complete.json"
PDF = (ROOT / "tests/fixtures/files/scan.pdf").read_bytes()
ID_NUMBER = "11010519491231002X"   # valid check digit, used as the applicant's 身份证号
ID_NUMBER_B = "110105200012310014"


@dataclass
class Actors:
    dept_a: int
    dept_b: int
    item_a: int          # the example item of department 甲
    item_b: int          # a small item of department 乙


def token_of(html: str) -> str:
    """The CSRF token a page carries (a form field, or the meta tag of the clerk and builder pages)."""
    match = (re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html)
             or re.search(r'id="csrf_token"[^>]*value="([^"]+)"', html)
             or re.search(r'name="csrf-token" content="([^"]+)"', html))
    assert match, "no CSRF token on the page"
    return match.group(1)


def login_as(client, username: str):
    logout(client)
    token = token_of(client.get("/login/").get_data(as_text=True))
    response = client.post("/login/", data={"username": username, "password": PASSWORD, "csrf_token": token})
    assert response.status_code == 302, f"{username} could not sign in"
    return client


def post_with_token(client, page_url: str, url: str | None = None, data=None, **kw):
    """POST ``data`` to ``url`` with the CSRF token of ``page_url`` (as the browser would)."""
    token = token_of(client.get(page_url).get_data(as_text=True))
    return client.post(url or page_url, data={**(data or {}), "csrf_token": token}, **kw)


@pytest.fixture(autouse=True)
def fresh_limits(request):
    """The status look-up limiter keeps its counts on the shared test app: every test starts afresh."""
    if "app" not in request.fixturenames:
        yield
        return
    app = request.getfixturevalue("app")
    app.extensions.pop("yiwang_rate_limiter", None)
    yield
    app.extensions.pop("yiwang_rate_limiter", None)


@pytest.fixture
def actors(app) -> Actors:
    with app.app_context():
        world = build_world()
        item_a = publish(json.loads(EXAMPLE.read_text("utf-8"))).item
        db.session.commit()
        assert item_a.department_id == world.dept_a.id
        add_user("clerk_b", CLERK, [world.dept_b])
        add_user("citizen_b", APPLICANT)
        return Actors(world.dept_a.id, world.dept_b.id, item_a.id, world.item_b)


def make_application(item_id: int, *, applicant=None, answers=None, materials=None, status="submitted",
                     user_id=None) -> tuple[int, str]:
    """An application of ``item_id`` in ``status`` (data from the complete fixture unless given);
    returns (id, resume token). Call inside an app context."""
    from runtime.engine.compiled_item import compile_item
    from runtime.engine.prereview import prereview
    from runtime.models import Item
    item = db.session.get(Item, item_id)
    version = item.versions[-1]
    data = json.loads(COMPLETE.read_text("utf-8"))
    application, token = create_draft(version, user_id)
    application.applicant = applicant if applicant is not None else data["applicant"]
    application.answers = answers if answers is not None else data["answers"]
    application.materials = materials if materials is not None else data["materials"]
    if status != "draft":
        result = prereview(compile_item(version.definition), {"applicant": application.applicant,
                                                              "answers": application.answers,
                                                              "materials": application.materials})
        application.prereview = result.to_dict()
        application.number = next_number(application)
        from runtime.models.timestamps import utcnow
        application.submitted_at = utcnow()
        record_status(application, "draft", status, "测试")
    db.session.commit()
    return application.id, token

