"""PAdES B-T: with a timestamp authority configured the signature carries an RFC 3161 signature
timestamp (here pyHanko's in-process TSA stands in for the HTTP one), pyHanko validates it, and the
signed bytes stay an incremental update of the rendered PDF."""
import io
import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

from asn1crypto import keys as asn1_keys, x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from runtime.documents import DocumentContext, load_theme
from runtime.documents.keys import KeyMaterial
from runtime.documents.renderer import render_document
from runtime.documents.signing import PadesSigner
from runtime.engine.compiled_item import compile_item
from runtime.engine.prereview import prereview

ROOT = Path(__file__).resolve().parents[2]


def _certificate(name: str, *, eku=None, issuer=None, issuer_key=None, rsa_key=False):
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048) if rsa_key else ec.generate_private_key(ec.SECP256R1())
    now = datetime.now(timezone.utc)
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    builder = (x509.CertificateBuilder().subject_name(subject).issuer_name(issuer.subject if issuer else subject)
               .public_key(key.public_key()).serial_number(x509.random_serial_number())
               .not_valid_before(now - timedelta(days=1)).not_valid_after(now + timedelta(days=30)))
    if eku:
        builder = builder.add_extension(x509.ExtendedKeyUsage(eku), critical=True)
    return key, builder.sign(issuer_key or key, hashes.SHA256())


def _der(key):
    return key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())


def test_a_configured_timestamp_authority_makes_the_signature_pades_b_t(monkeypatch):
    tsa_key, tsa_cert = _certificate("TSA", eku=[ExtendedKeyUsageOID.TIME_STAMPING], rsa_key=True)  # pyHanko's test TSA is RSA-only
    calls = []

    def tsa(url, timeout=10):   # stands in for HTTPTimeStamper(url): same interface, no network
        from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper
        calls.append(url)
        return DummyTimeStamper(asn1_x509.Certificate.load(tsa_cert.public_bytes(serialization.Encoding.DER)),
                                asn1_keys.PrivateKeyInfo.load(_der(tsa_key)))
    monkeypatch.setattr("pyhanko.sign.timestamps.HTTPTimeStamper", tsa)
    key, cert = _certificate("秦源县市场监督管理局电子印章")
    material = KeyMaterial(7, _der(key), cert.public_bytes(serialization.Encoding.DER), "")
    doc = json.loads((ROOT / "item_defs/construction-permit.json").read_text("utf-8"))
    app = json.loads((ROOT / "tests/fixtures/applications/construction-permit/complete.json").read_text("utf-8"))
    result = prereview(compile_item(doc), app).to_dict()
    rendered = render_document("rejection_notice", doc, result,
                               DocumentContext(number="秦建不受字〔2026〕第0001号", issued_on="2026-10-09",
                                               applicant=app["applicant"], reasons=["不属于本机关职权范围"]),
                               load_theme(), pdfa=True)
    signed = PadesSigner(timestamp_url="https://tsa.example.invalid/tsr")(rendered.pdf, material, None, None)
    assert calls == ["https://tsa.example.invalid/tsr"]
    assert signed.startswith(rendered.pdf)                      # an incremental update

    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import async_validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    from runtime.documents import pyhanko_calls
    (signature,) = PdfFileReader(io.BytesIO(signed)).embedded_signatures
    roots = [asn1_x509.Certificate.load(c.public_bytes(serialization.Encoding.DER)) for c in (cert, tsa_cert)]
    status = pyhanko_calls.run(lambda: async_validate_pdf_signature(
        signature, ValidationContext(trust_roots=roots, allow_fetching=False),
        ts_validation_context=ValidationContext(trust_roots=roots, allow_fetching=False)))
    assert status.bottom_line and status.timestamp_validity is not None and status.timestamp_validity.valid
