"""A live server on the test app plus Debian's Chromium driven by Playwright (never `playwright install`)."""
import json
import os
import shutil
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from builder.item_store import publish
from runtime.extensions import db

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("YIWANG_CHROMIUM", "/usr/bin/chromium")


def pytest_collection_modifyitems(items):
    for item in items:
        if "/tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"Chromium not found at {CHROMIUM}")
        pytest.skip(f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield instance
        instance.close()


@pytest.fixture
def live_server(app):
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture
def items(app):
    """Publish two example items; returns {stem: item id}."""
    ids = {}
    with app.app_context():
        for stem in ("individual-business-registration", "additional-birth-approval"):
            doc = json.loads((ROOT / "item_defs" / f"{stem}.json").read_text("utf-8"))
            ids[stem] = publish(doc).item.id
        db.session.commit()
    return ids


@pytest.fixture(params=[True, False], ids=["js", "nojs"])
def page(request, browser):
    context = browser.new_context(java_script_enabled=request.param, viewport={"width": 390, "height": 844})
    tab = context.new_page()
    tab.js = request.param
    yield tab
    context.close()


@pytest.fixture
def world(app):
    """The web tests' departments, users and items (tests/web/people.py)."""
    from tests.web.people import build_world
    with app.app_context():
        return build_world()


def sign_in(browser, live_server, username: str, width: int = 1366, height: int = 900, **options):
    """A new browser context signed in through the login page as one of the web tests' users
    (tests/web/people.py), with ``options`` for browser.new_context: (context, page)."""
    from tests.web.people import PASSWORD
    context = browser.new_context(viewport={"width": width, "height": height}, **options)
    page = context.new_page()
    page.goto(f"{live_server}/login/")
    page.fill("#username", username)
    page.fill("#password", PASSWORD)
    page.click("input[type=submit], button[type=submit]")
    return context, page


def open_editor(browser, live_server, item_id: int, width: int = 1366, username: str = "admin_a",
                height: int = 900):
    """A user (by default the department admin) signed in with the item's designer open and its checks
    settled: (context, page)."""
    context, page = sign_in(browser, live_server, username, width, height)
    page.goto(f"{live_server}/builder/items/{item_id}")
    page.wait_for_selector("#problem-count:has-text('0 个错误')")
    return context, page
