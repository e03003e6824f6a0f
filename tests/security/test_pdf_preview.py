"""Citizens' PDFs reach the clerk as page images rendered on the server: the case file embeds no PDF
(no frame, object or embed that a viewer could run a script in), the original is only a download, a
damaged PDF says so instead of failing, and the page images are as scoped as the case."""
from __future__ import annotations

import re

from runtime.extensions import db
from runtime.models import Application
from runtime.portal.drafts import next_number, record_status
from tests.fixtures.hostile_pdf import pdf_with_script
from tests.security.conftest import login_as, make_application
from tests.security.test_uploads import _upload


def submitted_case_with(app, client, actors, content: bytes) -> int:
    with app.app_context():
        app_id, token = make_application(actors.item_a, status="draft", materials={})
    _upload(client, f"/zwfw/a/{token}/materials", content, "申请书.pdf")
    with app.app_context():
        application = db.session.get(Application, app_id)
        assert application.files, "the upload was refused"
        application.number = next_number(application)
        record_status(application, "draft", "submitted", "测试")
        db.session.commit()
    return app_id


def test_the_case_file_shows_pages_as_images_and_never_embeds_the_pdf(app, client, actors):
    case = submitted_case_with(app, client, actors, pdf_with_script(pages=2))
    login_as(client, "clerk_a")
    html = client.get(f"/clerk/applications/{case}").get_data(as_text=True)
    assert not re.search(r"<(iframe|embed|object)\b", html)
    pages = re.findall(r'<img class="pdf-page" src="([^"]+)"', html)
    assert len(pages) == 2 and "以下为各页的图片预览" in html
    for url in pages:
        image = client.get(url)
        assert image.status_code == 200 and image.mimetype == "image/png" and image.data.startswith(b"\x89PNG")
    original = re.search(r'<a href="(/clerk/files/\d+)"', html).group(1)
    download = client.get(original)
    assert download.headers["Content-Disposition"] == "attachment" and download.data.startswith(b"%PDF")
    assert client.get(pages[0].replace("/1.png", "/3.png")).status_code == 404      # beyond the last page
    login_as(client, "clerk_b")                                                     # another department
    assert client.get(pages[0]).status_code == 404


def test_a_damaged_pdf_says_it_cannot_be_previewed(app, client, actors):
    case = submitted_case_with(app, client, actors, b"%PDF-1.4\n" + b"\x00garbage" * 100)
    login_as(client, "clerk_a")
    html = client.get(f"/clerk/applications/{case}").get_data(as_text=True)
    assert "该 PDF 无法预览,请下载原件查看。" in html and 'class="pdf-page"' not in html
