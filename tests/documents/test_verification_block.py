"""The 扫码验真 block prints where paper keeps it: on every page of every issued kind the QR code ends at
least 5 mm above the page's bottom edge (office printers leave about 4 mm unprinted, and a clipped code
does not scan), and the small code of the A5 slip scans from the printed page."""
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from runtime.documents import DocumentContext, load_theme
from runtime.documents.renderer import _fetcher_for, _font_config, render_html
from runtime.documents.seal_position import PX_TO_PT
from runtime.documents.verification import Verification, verification_url
from runtime.engine.compiled_item import compile_item
from runtime.engine.prereview import prereview
from tests.documents.test_pdfa import ISSUED, _rendered

ROOT = Path(__file__).resolve().parents[2]
MM = 72 / 25.4   # pt
CODE = "7K3M9QXR2D4F"


def _layout(kind: str, theme):
    from weasyprint import HTML
    doc = json.loads((ROOT / "item_defs/construction-permit.json").read_text("utf-8"))
    case = "missing" if kind == "one_time_notice" else "complete"
    app = json.loads((ROOT / f"tests/fixtures/applications/construction-permit/{case}.json").read_text("utf-8"))
    html = render_html(kind, doc, prereview(compile_item(doc), app).to_dict(),
                       DocumentContext(number="秦建受字〔2026〕第0007号", issued_on="2026-10-09", applicant=app["applicant"],
                                       reasons=["申请事项依法不需要取得行政许可"]),
                       theme, Verification(CODE, verification_url("https://zwfw.qinyuan.gov.cn", CODE)))
    return HTML(string=html, base_url=str(theme.directory) + "/", url_fetcher=_fetcher_for(theme)).render(
        font_config=_font_config(theme))


@pytest.mark.parametrize("kind", ISSUED)
def test_the_qr_code_stays_clear_of_the_bottom_edge_on_every_page(kind):
    document = _layout(kind, load_theme("qinyuan"))
    for number, page in enumerate(document.pages, start=1):
        codes = [box for box in page._page_box.descendants()
                 if getattr(box, "element_tag", None) == "img" and "verify-qr" in (box.element.get("class") or "")]
        assert len(codes) == 1, (kind, number)
        clearance = (page.height - codes[0].content_box_y() - codes[0].height) * PX_TO_PT / MM
        assert round(clearance, 2) >= 5, f"{kind} page {number}: the QR code ends {clearance:.1f} mm above the edge"


@pytest.mark.skipif(not shutil.which("pdftoppm"), reason="poppler-utils not installed")
def test_the_slips_small_code_scans_from_the_page(tmp_path):
    zxingcpp = pytest.importorskip("zxingcpp")
    from PIL import Image
    (tmp_path / "slip.pdf").write_bytes(_rendered("acceptance_slip", load_theme("qinyuan"), signed=True).pdf)
    subprocess.run(["pdftoppm", "-png", "-r", "150", str(tmp_path / "slip.pdf"), str(tmp_path / "p")], check=True)
    codes = [r.text for r in zxingcpp.read_barcodes(Image.open(next(tmp_path.glob("p*.png"))))
             if r.format == zxingcpp.BarcodeFormat.QRCode]
    assert codes == [verification_url("https://zwfw.qinyuan.gov.cn", CODE)]
