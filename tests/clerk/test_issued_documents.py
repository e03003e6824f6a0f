"""文书编号: from the department's per-kind yearly sequence when first issued (a POST), the same on every reprint
(clerk or applicant), a new one for a new decision; every enabled kind printable from a case."""
import json
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from builder.item_store import publish
from runtime.extensions import db
from runtime.models import Application, IssuedDocument
from runtime.portal.drafts import create_draft, record_status
from runtime.security.roles import CLERK
from tests.clerk.conftest import post
from tests.conftest import issued_pdf, login, logout
from tests.web.people import PASSWORD, add_user, build_world

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests/fixtures/applications/construction-permit"
needs_poppler = pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils not installed")


@pytest.fixture
def cases(app, monkeypatch):
    """Two submitted 施工许可 applications of the 住建局 (ids and secret links) and a clerk."""
    monkeypatch.setattr("runtime.clock.today", lambda: date(2026, 10, 9))
    from runtime.engine.compiled_item import compile_item
    from runtime.engine.prereview import prereview
    with app.app_context():
        build_world()
        item = publish(json.loads((ROOT / "item_defs/construction-permit.json").read_text("utf-8"))).item
        add_user("clerk_zj", CLERK, [item.department])
        data = json.loads((FIXTURES / "complete.json").read_text("utf-8"))
        out = []
        for n in (1, 2):
            application, token = create_draft(item.versions[-1])
            application.applicant, application.answers, application.materials = data["applicant"], data["answers"], data["materials"]
            application.number = f"20261009-0001-000{n}"
            application.prereview = prereview(compile_item(item.versions[-1].definition), data).to_dict()
            record_status(application, "draft", "submitted", "网上提交")
            db.session.commit()
            out.append((application.id, token))
        return out


def text_of(data: bytes, tmp_path) -> str:
    path = tmp_path / "d.pdf"
    path.write_bytes(data)
    return "".join(subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout.split())


@needs_poppler
def test_numbers_come_from_the_sequence_and_survive_reprints(app, client, cases, tmp_path):
    (first, token), (second, _token2) = cases
    login(client, "clerk_zj", PASSWORD)
    post(client, f"/clerk/applications/{first}/return", note="施工合同缺少双方盖章", confirm="1")
    url = f"/clerk/applications/{first}/documents/one_time_notice.pdf"
    assert "秦建补字〔2026〕第0001号" in text_of(issued_pdf(client, url).data, tmp_path)
    assert "秦建补字〔2026〕第0001号" in text_of(client.get(url).data, tmp_path)        # reprint: same number
    assert "秦建补字〔2026〕第0001号" in text_of(issued_pdf(client, url).data, tmp_path)  # issued again: no new one
    logout(client)
    mine = client.get(f"/zwfw/a/{token}/documents/one_time_notice.pdf")                  # the applicant's copy
    assert "秦建补字〔2026〕第0001号" in text_of(mine.data, tmp_path)
    login(client, "clerk_zj", PASSWORD)
    post(client, f"/clerk/applications/{second}/return", note="缺少监理合同", confirm="1")
    assert "秦建补字〔2026〕第0002号" in text_of(issued_pdf(
        client, f"/clerk/applications/{second}/documents/one_time_notice.pdf").data, tmp_path)
    with app.app_context():                                                               # a new decision: a new notice
        application = db.session.get(Application, first)
        record_status(application, "needs_correction", "submitted", "补正后重新提交")
        db.session.commit()
    post(client, f"/clerk/applications/{first}/return", note="仍缺少双方盖章", confirm="1")
    assert client.get(url).status_code == 404    # the new decision's notice is not issued by a GET
    assert "秦建补字〔2026〕第0003号" in text_of(issued_pdf(client, url).data, tmp_path)
    post(client, f"/clerk/applications/{second}/reject", note="依法无需申请施工许可证", confirm="1")
    rejection = text_of(issued_pdf(client, f"/clerk/applications/{second}/documents/rejection_notice.pdf").data,
                        tmp_path)
    assert "秦建不受字〔2026〕第0001号" in rejection and "依法无需申请施工许可证" in rejection
    with app.app_context():
        rows = db.session.scalars(select(IssuedDocument).order_by(IssuedDocument.id)).all()
        assert [(r.kind, r.number[-5:]) for r in rows] == [
            ("one_time_notice", "0001号"), ("one_time_notice", "0002号"), ("one_time_notice", "0003号"),
            ("rejection_notice", "0001号")]
        assert rows[0].issued_by_id is not None and rows[0].issued_on == "2026-10-09"


@needs_poppler
def test_every_enabled_kind_prints_from_an_accepted_case(app, client, cases, tmp_path):
    (first, token), _ = cases
    login(client, "clerk_zj", PASSWORD)
    post(client, f"/clerk/applications/{first}/accept", confirm="1")
    page = client.get(f"/clerk/applications/{first}").get_data(as_text=True)
    assert "/documents/guide.pdf" in page   # unnumbered: a link; numbered: a button that issues
    for kind in ("acceptance_notice", "acceptance_slip"):
        assert f"/documents/{kind}/issue" in page and f"/documents/{kind}.pdf" not in page
    for kind in ("acceptance_notice", "acceptance_slip", "guide"):
        response = issued_pdf(client, f"/clerk/applications/{first}/documents/{kind}.pdf")
        assert response.status_code == 200 and response.data.startswith(b"%PDF"), kind
    assert "fee_notice" not in page   # not among the item's documents.enabled
    assert client.get(f"/clerk/applications/{first}/documents/fee_notice.pdf").status_code == 404
    notice = text_of(client.get(f"/clerk/applications/{first}/documents/acceptance_notice.pdf").data, tmp_path)
    assert "秦建受字〔2026〕第0001号" in notice and "受理编号" in notice
    logout(client)
    mine = text_of(client.get(f"/zwfw/a/{token}/documents/acceptance_notice.pdf").data, tmp_path)
    assert "秦建受字〔2026〕第0001号" in mine
    assert client.get(f"/zwfw/a/{token}/documents/rejection_notice.pdf").status_code == 404
    assert client.get(f"/zwfw/a/not-a-token/documents/acceptance_notice.pdf").status_code == 404


def test_a_cross_site_get_or_forged_post_cannot_take_a_number(app, client, cases):
    """A link or <img> on another site sends a GET (cookies and all); a forged form has no CSRF token."""
    (first, token), _ = cases
    login(client, "clerk_zj", PASSWORD)
    post(client, f"/clerk/applications/{first}/accept", confirm="1")
    clerk_url = f"/clerk/applications/{first}/documents/acceptance_notice.pdf"
    refused = client.get(clerk_url)
    assert refused.status_code == 404 and "尚未出具" in refused.get_data(as_text=True)
    assert client.post(f"/clerk/applications/{first}/documents/acceptance_notice/issue").status_code == 400
    mine = client.get(f"/zwfw/a/{token}/documents/acceptance_notice.pdf")
    assert mine.status_code == 302 and mine.headers["Location"].endswith(f"/zwfw/a/{token}/done")
    assert client.post(f"/zwfw/a/{token}/documents/acceptance_notice/issue").status_code == 400
    with app.app_context():
        assert db.session.scalars(select(IssuedDocument)).all() == []
    assert issued_pdf(client, f"/zwfw/a/{token}/documents/acceptance_notice.pdf").data.startswith(b"%PDF")
    assert client.get(clerk_url).data.startswith(b"%PDF")     # issued by the applicant: the clerk's reprint
