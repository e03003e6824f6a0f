"""A clerk opens a case whose PDF carries JavaScript: Chromium shows the pages as images, no dialog of
the PDF ever appears, and nothing on the page embeds the PDF."""
import os
from pathlib import Path

import pytest

from tests.fixtures.hostile_pdf import pdf_with_script
from tests.security.conftest import actors  # noqa: F401 - the two departments, their clerks and items
from tests.security.test_pdf_preview import submitted_case_with
from tests.web.people import PASSWORD

SHOTS = os.environ.get("YIWANG_SHOTS")  # a folder to keep screenshots in, e.g. /tmp/shots-pdf


@pytest.mark.parametrize("width", [1366, 390])
def test_clerk_sees_pdf_pages_as_images_and_no_script_runs(app, client, actors, browser, live_server, width):
    case = submitted_case_with(app, client, actors, pdf_with_script(pages=2))
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    dialogs, popups = [], []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    context.on("page", lambda p: popups.append(p.url))
    page.goto(f"{live_server}/login/")
    page.fill("#username", "clerk_a")
    page.fill("#password", PASSWORD)
    page.click("input[type=submit], button[type=submit]")
    page.goto(f"{live_server}/clerk/")
    page.click(f"a[href='/clerk/applications/{case}']")
    page.wait_for_load_state("networkidle")
    images = page.locator("img.pdf-page")
    assert images.count() == 2
    for i in range(2):
        images.nth(i).scroll_into_view_if_needed()
        page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=images.nth(i).element_handle())
    assert page.locator("iframe, embed, object").count() == 0
    page.wait_for_timeout(500)
    assert dialogs == [] and popups == []
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{SHOTS}/case-pdf-{width}.png", full_page=True)
    context.close()
