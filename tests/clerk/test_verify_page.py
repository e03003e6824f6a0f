"""扫码验真 /zwfw/verify/<code>: what was issued (masked applicant, SHA-256), upload checks (the exact
file, one changed byte, a re-saved file, content added after signing, another key), voided and corrected
documents, unknown codes, rate limits."""
import io
import re
from datetime import date

import pytest
from sqlalchemy import select

from runtime.extensions import db
from runtime.models import Application, IssuedDocument
from tests.clerk.signing_fixtures import accepted_notice, demo_keys, register_row  # noqa: F401 - fixture
from tests.conftest import csrf_token, logout


def grouped(code):
    return "-".join(code[i:i + 4] for i in (0, 4, 8))


def upload(client, url, data: bytes, name="notice.pdf"):
    token = csrf_token(client.get(url).get_data(as_text=True))
    return client.post(url, data={"csrf_token": token, "file": (io.BytesIO(data), name)},
                       content_type="multipart/form-data")


@pytest.fixture
def issued(app, client, case, demo_keys, monkeypatch):
    monkeypatch.setitem(app.config, "YIWANG_VERIFY_RATE_LIMIT", "1000/minute")   # the limit has its own test
    demo_keys()
    data = accepted_notice(client, case)
    logout(client)
    return data, register_row(app)


def test_the_page_shows_what_was_issued_with_the_applicant_masked(app, client, issued):
    data, row = issued
    page = client.get(f"/zwfw/verify/{grouped(row.verify_code)}")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    for text in ("受理通知书", row.number, "2026年10月9日", "秦源县住房和城乡建设局", row.sha256, "演示"):
        assert text in html, text
    with app.app_context():
        applicant = db.session.get(Application, row.application_id).applicant
    identity = applicant.get("credit_code") or applicant.get("id_number")
    assert identity not in html and identity[:2] in html
    # typed from paper: lower case, no dashes, O for 0 — the same document
    typed = row.verify_code.lower().replace("0", "o")
    assert row.number in client.get(f"/zwfw/verify/{typed}").get_data(as_text=True)


def test_the_exact_file_passes_and_every_tampering_fails(app, client, issued, demo_keys):
    data, row = issued
    url = f"/zwfw/verify/{grouped(row.verify_code)}"
    ok = upload(client, url, data).get_data(as_text=True)
    assert "✔ 该文件与出具的文书完全一致" in ok and "✔ 电子签章有效" in ok

    changed = bytearray(data)       # one byte of the page content (inside the signed range)
    changed[len(data) // 3] ^= 0x01
    page = upload(client, url, bytes(changed)).get_data(as_text=True)
    assert "不是出具的原文书" in page and "✔ 电子签章有效" not in page

    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.pdf_utils.writer import copy_into_new_writer
    resaved = io.BytesIO()          # a "Save as" that rewrites the whole file
    copy_into_new_writer(PdfFileReader(io.BytesIO(data))).write(resaved)
    page = upload(client, url, resaved.getvalue()).get_data(as_text=True)
    assert "不是出具的原文书" in page and "✔ 电子签章有效" not in page

    from pyhanko.pdf_utils.generic import pdf_string
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    appended = IncrementalPdfFileWriter(io.BytesIO(data))   # an edit saved as an incremental update
    appended.document_meta.title = "改过的文书"
    appended.root["/Lang"] = pdf_string("en")
    appended.update_root()
    out = io.BytesIO()
    appended.write(out)
    page = upload(client, url, out.getvalue()).get_data(as_text=True)
    assert "不是出具的原文书" in page and "追加了内容" in page

    other = _signed_with_another_key(app, data)
    page = upload(client, url, other).get_data(as_text=True)
    assert "不是出具的原文书" in page and "不是秦源县住房和城乡建设局的签章证书" in page


def _signed_with_another_key(app, data: bytes) -> bytes:
    """The same document signed by a look-alike certificate that is not in the register."""
    from cryptography.hazmat.primitives import serialization
    from runtime.documents.demo_ca import department_certificate
    from runtime.documents.keys import KeyMaterial
    from runtime.documents.signing import PadesSigner
    from pyhanko.pdf_utils.reader import PdfFileReader
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography import x509
    from datetime import datetime, timedelta, timezone
    from cryptography.hazmat.primitives import hashes
    ca_key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(x509.NameOID.COMMON_NAME, "伪造根证书")])
    now = datetime.now(timezone.utc)
    ca = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(ca_key.public_key())
          .serial_number(1).not_valid_before(now).not_valid_after(now + timedelta(days=10))
          .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True).sign(ca_key, hashes.SHA256()))

    class Dept:
        name = "秦源县住房和城乡建设局"
    key, cert = department_certificate(Dept, ca_key, ca)
    # sign the first revision (the unsigned render) again with the look-alike key
    unsigned = data[:data.index(b"%%EOF") + 5] + b"\n"
    assert PdfFileReader(io.BytesIO(unsigned)).embedded_signatures == []
    material = KeyMaterial(-1, key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                                                 serialization.NoEncryption()),
                           cert.public_bytes(serialization.Encoding.DER), "")
    return PadesSigner()(unsigned, material, None, None)


def test_garbage_and_empty_uploads_get_a_clear_message(app, client, issued):
    _data, row = issued
    url = f"/zwfw/verify/{grouped(row.verify_code)}"
    page = upload(client, url, b"hello", name="x.pdf")
    assert page.status_code == 400 and "不是 PDF" in page.get_data(as_text=True)
    page = upload(client, url, b"%PDF-1.7\n garbage \n%%EOF")
    assert page.status_code == 200 and "无法作为 PDF 文书读取" in page.get_data(as_text=True)


def test_a_voided_application_shows_its_documents_as_void(app, client, issued):
    _data, row = issued
    with app.app_context():
        db.session.get(Application, row.application_id).status = "voided"
        db.session.commit()
    html = client.get(f"/zwfw/verify/{grouped(row.verify_code)}").get_data(as_text=True)
    assert "已作废" in html


def test_a_correction_is_a_new_number_and_the_old_code_points_to_it(app, client, issued, monkeypatch):
    data, row = issued
    from runtime.documents.register import correct
    with app.test_request_context("/"):
        old = db.session.get(IssuedDocument, row.id)
        new = correct(old, today=date(2026, 10, 10), user_id=None, clerk="刘窗口")
        new_number, new_code = new.number, new.verify_code
    assert new_number != row.number and new_number.endswith("第0002号")
    old_page = client.get(f"/zwfw/verify/{grouped(row.verify_code)}").get_data(as_text=True)
    assert "已更正" in old_page and new_number in old_page
    new_page = client.get(f"/zwfw/verify/{grouped(new_code)}").get_data(as_text=True)
    assert row.number in new_page and "已更正" not in new_page
    # the case prints the corrected document from now on; the old file is kept unchanged
    from tests.conftest import login
    from tests.web.people import PASSWORD
    login(client, "clerk_zj", PASSWORD)
    reprint = client.get(f"/clerk/applications/{row.application_id}/documents/acceptance_notice.pdf").data
    assert reprint != data
    with app.app_context():
        assert db.session.get(IssuedDocument, row.id).pdf == data


def test_unknown_codes_and_too_many_look_ups(app, client, issued, monkeypatch):
    assert client.get("/zwfw/verify/AAAA-BBBB-CCCC").status_code == 404
    assert client.get("/zwfw/verify/not-a-code").status_code == 404
    page = client.post("/zwfw/verify", data={"csrf_token": csrf_token(client.get("/zwfw/verify").get_data(as_text=True)),
                                             "code": "12"})
    assert page.status_code == 400 and "12 位" in page.get_data(as_text=True)
    monkeypatch.setitem(app.config, "YIWANG_VERIFY_RATE_LIMIT", "3/minute")
    codes = [client.get("/zwfw/verify/AAAA-BBBB-CCCC", environ_base={"REMOTE_ADDR": "203.0.113.9"}).status_code
             for _ in range(4)]
    assert codes == [404, 404, 404, 429]


def test_uploads_count_against_the_look_up_limit(app, client, issued, monkeypatch):
    data, row = issued
    url = f"/zwfw/verify/{grouped(row.verify_code)}"
    address = {"REMOTE_ADDR": "203.0.113.10"}
    token = csrf_token(client.get(url).get_data(as_text=True))     # another address: not counted below
    monkeypatch.setitem(app.config, "YIWANG_VERIFY_RATE_LIMIT", "2/minute")

    def send():
        return client.post(url, data={"csrf_token": token, "file": (io.BytesIO(data), "n.pdf")},
                           content_type="multipart/form-data", environ_base=address)
    assert [send().status_code, send().status_code] == [200, 200]
    refused = send()
    assert refused.status_code == 429 and "查询过于频繁" in refused.get_data(as_text=True)
    assert client.get(url, environ_base=address).status_code == 429
