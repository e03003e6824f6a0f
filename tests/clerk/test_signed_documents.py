"""Issued documents are signed as they are issued (PAdES, the department's key, the seal as the visible
appearance), kept as issued (a reprint is the same file, the applicant's copy too), stay PDF/A-2b, and
print a 扫码验真 code whose register row holds the file's SHA-256."""
import hashlib
import io
import re
import shutil
import subprocess

import pytest
from sqlalchemy import select

from runtime.extensions import db
from runtime.models import SigningKey
from tests.clerk.conftest import RESUME_LINKS
from tests.conftest import logout
from tests.clerk.signing_fixtures import (accepted_notice, demo_ca_certificate, demo_keys,  # noqa: F401 - fixture
                                          pyhanko_status, register_row)

needs_poppler = pytest.mark.skipif(not shutil.which("pdfsig"), reason="poppler-utils not installed")


def test_the_first_print_is_signed_and_every_reprint_is_the_same_file(app, client, case, demo_keys, monkeypatch):
    demo_keys()
    first = accepted_notice(client, case)
    monkeypatch.setitem(app.config, "YIWANG_THEME", "qinyuan")   # a new look later never reaches issued documents
    again = client.get(f"/clerk/applications/{case}/documents/acceptance_notice.pdf").data
    logout(client)
    mine = client.get(f"/zwfw/a/{RESUME_LINKS[case]}/documents/acceptance_notice.pdf").data
    assert first == again == mine
    row = register_row(app)
    assert row.sha256 == hashlib.sha256(first).hexdigest() and row.size == len(first)
    assert re.fullmatch(r"[0-9A-HJKMNP-TV-Z]{12}", row.verify_code)
    status = pyhanko_status(first, demo_ca_certificate(app))
    assert status.intact and status.valid and status.trusted and status.bottom_line
    assert status.coverage.name == "ENTIRE_FILE"
    assert "演示" in status.signing_cert.subject.native["common_name"]


def test_the_printed_code_and_link_lead_to_the_register(app, client, case, demo_keys, tmp_path):
    demo_keys()
    data = accepted_notice(client, case)
    row = register_row(app)
    path = tmp_path / "n.pdf"
    path.write_bytes(data)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    grouped = "-".join(row.verify_code[i:i + 4] for i in (0, 4, 8))
    assert f"验证码：{grouped}" in text.replace(" ", "")
    assert f"https://zwfw.example.gov.cn/zwfw/verify/{grouped}" in "".join(text.split())
    pages = text.split("\f")[:-1]
    assert len(pages) >= 2 and all(grouped in "".join(p.split()) for p in pages)   # on every page


@needs_poppler
def test_poppler_pdfsig_finds_a_valid_signature_over_the_whole_file(app, client, case, demo_keys, tmp_path):
    demo_keys()
    path = tmp_path / "notice.pdf"
    data = accepted_notice(client, case)
    path.write_bytes(data)
    out = subprocess.run(["pdfsig", str(path)], capture_output=True, text=True).stdout
    assert "Signature Validation: Signature is Valid." in out
    assert "Total document signed" in out
    assert "ETSI.CAdES.detached" in out      # PAdES
    assert "Signing Hash Algorithm: SHA-256" in out
    changed = bytearray(data)                # one byte of the page content: poppler sees it too
    changed[len(data) // 3] ^= 0x01
    path.write_bytes(bytes(changed))
    out = subprocess.run(["pdfsig", str(path)], capture_output=True, text=True).stdout
    assert "Signature Validation: Digest Mismatch." in out and "Signature is Valid" not in out


def test_the_seal_image_is_the_visible_signature_where_the_layout_put_it(app, client, case, demo_keys, monkeypatch):
    monkeypatch.setitem(app.config, "YIWANG_THEME", "qinyuan")   # a theme with a seal image
    demo_keys()
    data = accepted_notice(client, case)
    from pyhanko.pdf_utils.reader import PdfFileReader
    reader = PdfFileReader(io.BytesIO(data))
    (signature,) = reader.embedded_signatures
    field = signature.sig_field
    x1, y1, x2, y2 = (float(v) for v in field["/Rect"])
    assert 100 < x2 - x1 < 130 and 100 < y2 - y1 < 130          # the 40 mm seal (≈ 113 pt square)
    assert x2 < 595 and x1 > 595 / 2                              # in the right half of the A4 page, like the seal area
    xobjects = field["/AP"]["/N"]["/Resources"]["/XObject"]
    images = [x for x in xobjects.values() if x.get_object().get("/Subtype") == "/Image"] + [
        y for x in xobjects.values() for y in (x.get_object().get("/Resources", {}).get("/XObject", {}) or {}).values()
        if y.get_object().get("/Subtype") == "/Image"]
    assert images, "the signature's appearance carries the seal image"


def test_pdfa_2b_survives_signing_as_an_incremental_update(app, client, case, demo_keys, tmp_path):
    demo_keys()
    data = accepted_notice(client, case)
    from pyhanko.pdf_utils.reader import PdfFileReader
    reader = PdfFileReader(io.BytesIO(data))
    assert reader.xrefs.total_revisions == 2                    # the rendered file, then the signature
    first_eof = data.index(b"%%EOF") + len(b"%%EOF")
    metadata = reader.root["/Metadata"].get_object().data.decode()
    assert re.search(r"pdfaid:part(>|=\")2", metadata) and re.search(r"pdfaid:conformance(>|=\")B", metadata)
    intents = reader.root["/OutputIntents"]
    assert intents[0]["/S"] == "/GTS_PDFA1" and "/DestOutputProfile" in intents[0]
    path = tmp_path / "n.pdf"
    path.write_bytes(data)
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    assert fonts and all(line.split()[-5] == "yes" for line in fonts)   # every font embedded
    revision = tmp_path / "r1.pdf"                                       # the first revision alone is the render
    revision.write_bytes(data[:first_eof] + b"\n")
    assert "Pages:" in subprocess.run(["pdfinfo", str(revision)], capture_output=True, text=True).stdout
    from tests.documents.pdfa_rules import problems                    # the PDF/A-2b rules a signature could break
    assert problems(data[:first_eof] + b"\n") == [] and problems(data) == []


def test_without_a_key_the_document_is_registered_but_not_signed(app, client, case):
    data = accepted_notice(client, case)
    row = register_row(app)
    assert row.signing_key_id is None and row.sha256 == hashlib.sha256(data).hexdigest()
    from pyhanko.pdf_utils.reader import PdfFileReader
    assert PdfFileReader(io.BytesIO(data)).embedded_signatures == []


def test_private_keys_are_encrypted_at_rest(app, client, case, demo_keys):
    demo_keys()
    with app.app_context():
        key = db.session.scalar(select(SigningKey))
        from runtime.documents.keys import key_material
        material = key_material(key)
        assert material.private_key_der not in bytes(key.private_key)
        assert key.demo and "演示" in key.subject
        app.config["YIWANG_KEY_ENCRYPTION_KEY"] = __import__("cryptography.fernet").fernet.Fernet.generate_key().decode()
        from runtime.documents.keys import SigningKeyError
        with pytest.raises(SigningKeyError, match="YIWANG_KEY_ENCRYPTION_KEY"):
            key_material(key)


def test_a_clerk_issues_a_corrected_document_under_a_new_number(app, client, case, demo_keys):
    from tests.clerk.conftest import post
    demo_keys()
    first = accepted_notice(client, case)
    old = register_row(app)
    url = f"/clerk/applications/{case}/documents/acceptance_slip/correct"
    post(client, url)                                   # never printed: nothing to correct
    page = client.get(f"/clerk/applications/{case}").get_data(as_text=True)
    assert "该文书尚未出具" in page and old.number in page     # the issued number beside its link
    post(client, f"/clerk/applications/{case}/documents/acceptance_notice/correct")
    page = client.get(f"/clerk/applications/{case}").get_data(as_text=True)
    new = register_row(app)
    assert new.id != old.id and new.corrects_id == old.id and new.number != old.number
    assert f"已出具更正后的文书 {new.number}，取代 {old.number}" in page
    reprint = client.get(f"/clerk/applications/{case}/documents/acceptance_notice.pdf").data
    assert reprint != first and hashlib.sha256(reprint).hexdigest() == new.sha256


def test_the_signing_step_is_pluggable(app, client, case, demo_keys, monkeypatch):
    """YIWANG_DOCUMENT_SIGNER names the factory of the step that signs (docs/documents.md, GB/T 38540): it
    gets the rendered PDF/A, the department's key, where the seal was laid out and the theme's seal image,
    and what it returns is the issued document."""
    from tests.clerk import pluggable_signer
    monkeypatch.setitem(app.config, "YIWANG_DOCUMENT_SIGNER", "tests.clerk.pluggable_signer:factory")
    monkeypatch.setitem(app.config, "YIWANG_THEME", "qinyuan")
    pluggable_signer.CALLS.clear()
    demo_keys()
    data = accepted_notice(client, case)
    (call,) = pluggable_signer.CALLS
    assert call["config"] == "https://zwfw.example.gov.cn" and call["seal_image"].name == "seal.png"
    assert call["seal"] is not None and data.startswith(call["pdf"]) and len(data) > len(call["pdf"])
    row = register_row(app)
    assert row.signing_key_id == call["key_id"] and row.sha256 == hashlib.sha256(data).hexdigest()
