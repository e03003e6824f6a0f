"""扫码验真 in Chromium: a clerk signs in, accepts a case and prints the 受理通知书; the QR code decoded
from the printed page (zxing-cpp on poppler's image) opens the verify page, which names the document;
uploading the file there confirms it is the issued one with a valid signature."""
import io
import json
import os
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import expect

from builder.item_store import publish
from runtime.extensions import db
from runtime.portal.drafts import create_draft, record_status
from runtime.security.roles import CLERK
from tests.clerk.signing_fixtures import demo_keys  # noqa: F401 - fixture
from tests.web.people import PASSWORD, add_user

ROOT = Path(__file__).resolve().parents[2]
SHOTS = os.environ.get("YIWANG_SHOTS")   # a folder: save screenshots of the pages (kept out of git)


@pytest.fixture
def submitted_case(app, monkeypatch):
    monkeypatch.setattr("runtime.clock.today", lambda: date(2026, 10, 9))
    from runtime.engine.compiled_item import compile_item
    from runtime.engine.prereview import prereview
    with app.app_context():
        item = publish(json.loads((ROOT / "item_defs/construction-permit.json").read_text("utf-8"))).item
        add_user("seal_clerk", CLERK, [item.department])
        data = json.loads((ROOT / "tests/fixtures/applications/construction-permit/complete.json").read_text("utf-8"))
        application, _token = create_draft(item.versions[-1])
        application.applicant, application.answers, application.materials = data["applicant"], data["answers"], data["materials"]
        application.number = "20261009-0001-0001"
        application.prereview = prereview(compile_item(item.versions[-1].definition), data).to_dict()
        record_status(application, "draft", "submitted", "网上提交")
        db.session.commit()
        return application.id


def _decode_qr(pdf: bytes, tmp_path) -> str:
    zxingcpp = pytest.importorskip("zxingcpp")
    from PIL import Image
    (tmp_path / "n.pdf").write_bytes(pdf)
    subprocess.run(["pdftoppm", "-png", "-r", "200", "-f", "1", "-l", "1", str(tmp_path / "n.pdf"), str(tmp_path / "p")],
                   check=True)
    image = Image.open(next(tmp_path.glob("p*.png")))
    if SHOTS:
        image.save(Path(SHOTS) / "notice-page1.png")
    codes = [r.text for r in zxingcpp.read_barcodes(image) if r.format == zxingcpp.BarcodeFormat.QRCode]
    assert len(codes) == 1, codes
    return codes[0]


@pytest.mark.skipif(not shutil.which("pdftoppm"), reason="poppler-utils not installed")
def test_the_printed_qr_code_opens_the_verify_page(app, browser, live_server, submitted_case, demo_keys, monkeypatch,
                                                   tmp_path):
    monkeypatch.setitem(app.config, "YIWANG_PUBLIC_URL", "")      # the QR names this live server
    monkeypatch.setitem(app.config, "YIWANG_THEME", "qinyuan")
    demo_keys()
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    page.goto(f"{live_server}/login/")
    page.fill("#username", "seal_clerk")
    page.fill("#password", PASSWORD)
    page.click("input[type=submit], button[type=submit]")
    page.get_by_role("link", name="1 待预审").click()                # from the clerk's home, as a clerk would
    page.get_by_role("link", name="20261009-0001-0001").click()
    panel = page.locator("form.action-card").filter(has=page.get_by_role("button", name="受理", exact=True))
    panel.get_by_label("我已核对办件,确认出具受理通知书").check()   # acts that issue a document are confirmed
    panel.get_by_role("button", name="受理", exact=True).click()
    notice = page.get_by_role("link", name="受理通知书")
    expect(notice).to_be_visible()                                   # the page after the acceptance
    pdf = page.request.get(live_server + notice.get_attribute("href")).body()   # what the link downloads
    assert pdf.startswith(b"%PDF")
    url = _decode_qr(pdf, tmp_path)
    assert url.startswith(f"{live_server}/zwfw/verify/")
    if SHOTS:
        page.screenshot(path=str(Path(SHOTS) / "case-1366.png"), full_page=True)
        page.set_viewport_size({"width": 390, "height": 900})
        page.screenshot(path=str(Path(SHOTS) / "case-390.png"), full_page=True)
    context.close()

    (tmp_path / "notice.pdf").write_bytes(pdf)
    for width in (1366, 390):       # the citizen scans it: a phone, or a desk
        citizen = browser.new_context(viewport={"width": width, "height": 900})
        tab = citizen.new_page()
        tab.goto(url)
        main = tab.locator("main")
        for text in ("受理通知书", "秦建受字〔2026〕第0001号", "秦源县住房和城乡建设局"):
            expect(main).to_contain_text(text)
        if SHOTS:
            tab.screenshot(path=str(Path(SHOTS) / f"verify-page-{width}.png"), full_page=True)
        tab.set_input_files("#i-file", str(tmp_path / "notice.pdf"))
        tab.get_by_role("button", name="核验文件").click()
        expect(main).to_contain_text("该文件与出具的文书完全一致")
        expect(main).to_contain_text("电子签章有效")
        if SHOTS:
            tab.screenshot(path=str(Path(SHOTS) / f"verify-{width}.png"), full_page=True)
        citizen.close()
