"""Shared helpers of the signed-document tests: demo keys for every department (in a temporary instance
folder, with a test encryption key), an accepted case printed by its clerk."""
import io

import pytest
from cryptography.fernet import Fernet
from sqlalchemy import select

from runtime.extensions import db
from runtime.models import Department, IssuedDocument
from tests.clerk.conftest import post
from tests.conftest import issued_pdf, login
from tests.web.people import PASSWORD


@pytest.fixture
def demo_keys(app, monkeypatch, tmp_path):
    monkeypatch.setitem(app.config, "YIWANG_INSTANCE_DIR", str(tmp_path / "instance"))
    monkeypatch.setitem(app.config, "YIWANG_KEY_ENCRYPTION_KEY", Fernet.generate_key().decode())
    monkeypatch.setitem(app.config, "YIWANG_PUBLIC_URL", "https://zwfw.example.gov.cn")

    def give():
        from runtime.documents.demo_ca import ensure_demo_keys
        with app.app_context():
            ensure_demo_keys(db.session.scalars(select(Department)).all())
            db.session.commit()
    return give


def accepted_notice(client, case) -> bytes:
    """The clerk accepts the case and prints its 受理通知书 (first print: issued and signed)."""
    login(client, "clerk_zj", PASSWORD)
    post(client, f"/clerk/applications/{case}/accept", confirm="1")
    response = issued_pdf(client, f"/clerk/applications/{case}/documents/acceptance_notice.pdf")
    assert response.status_code == 200
    return response.data


def register_row(app, kind="acceptance_notice") -> IssuedDocument:
    with app.app_context():
        row = db.session.scalar(select(IssuedDocument).where(IssuedDocument.kind == kind,
                                                             IssuedDocument.replaced_by_id.is_(None)))
        db.session.expunge(row)
        return row


def demo_ca_certificate(app):
    from asn1crypto import pem, x509 as asn1_x509
    from pathlib import Path
    ca = Path(app.config["YIWANG_INSTANCE_DIR"]) / "demo-ca" / "ca.pem"
    return asn1_x509.Certificate.load(pem.unarmor(ca.read_bytes())[2])


def pyhanko_status(data: bytes, trust_root):
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import async_validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    from runtime.documents import pyhanko_calls
    reader = PdfFileReader(io.BytesIO(data))
    (signature,) = reader.embedded_signatures
    context = ValidationContext(trust_roots=[trust_root], allow_fetching=False)
    return pyhanko_calls.run(lambda: async_validate_pdf_signature(signature, context))
