"""窗口收件 in Chromium: a clerk fills the form for a walk-in applicant, submits, and prints the one-time notice."""
import json
from urllib.parse import urljoin
from pathlib import Path

import pytest

from builder.item_store import publish
from runtime.extensions import db
from runtime.security.roles import CLERK
from tests.browser.applicant_steps import start, submit
from tests.browser.conftest import sign_in
from tests.web.people import add_user

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def clerk(app):
    with app.app_context():
        item = publish(json.loads((ROOT / "item_defs/individual-business-registration.json").read_text("utf-8"))).item
        add_user("window_clerk", CLERK, [item.department])
        db.session.commit()


def test_window_intake_to_printed_notice(browser, live_server, clerk):
    context, page = sign_in(browser, live_server, "window_clerk", width=1280)
    page.goto(f"{live_server}/clerk/intake")
    page.select_option("#i-item", label="个体工商户登记")
    start(page, name="王五", phone="13700137000")
    page.get_by_label("经营者姓名").fill("王五")
    submit(page)
    assert "一次性告知" in page.inner_text("main")
    # The first download issues the notice (a POST); it then answers with the issued file's address.
    with page.expect_response(lambda r: r.url.endswith("/documents/one_time_notice/issue")) as issued:
        page.get_by_role("button", name="下载一次性告知书(PDF)").click()
    assert issued.value.status == 303
    response = page.request.get(urljoin(issued.value.url, issued.value.headers["location"]))
    assert response.status == 200 and response.body().startswith(b"%PDF")
    page.goto(f"{live_server}/clerk/?status=needs_correction")
    assert "王五" in page.inner_text("main")
    context.close()

