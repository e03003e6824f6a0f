"""The per-key signer (runtime/documents/key_signer.py) pays the key loading and the constant signed
attributes once: every later signature must still be exactly what pyHanko's own SimpleSigner would
have signed (same attributes for the same digest), valid for pyHanko's validator, for RSA and ECDSA."""
import io
from datetime import datetime, timedelta, timezone

import pytest
from asn1crypto import keys as asn1_keys, x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import NameOID
from pyhanko_certvalidator.registry import SimpleCertificateStore

from runtime.documents import pyhanko_calls
from runtime.documents.key_signer import KeySigner
from runtime.documents.keys import KeyMaterial
from runtime.documents.signing import PadesSigner


def _key_and_certificate(kind: str):
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048) if kind == "rsa" else ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, f"秦源县自然资源局电子印章（{kind}）")])
    now = datetime.now(timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - timedelta(days=1))
            .not_valid_after(now + timedelta(days=30)).sign(key, hashes.SHA256()))
    der = key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    return der, cert.public_bytes(serialization.Encoding.DER)


def _pdf() -> bytes:
    from weasyprint import HTML
    return HTML(string="<p>受理通知书</p>").write_pdf(pdf_variant="pdf/a-2b")


def _validate(signed: bytes, certificate_der: bytes):
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import async_validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext
    (signature,) = PdfFileReader(io.BytesIO(signed)).embedded_signatures
    context = ValidationContext(trust_roots=[asn1_x509.Certificate.load(certificate_der)], allow_fetching=False)
    return signature, pyhanko_calls.run(lambda: async_validate_pdf_signature(signature, context))


@pytest.mark.parametrize("kind", ["ecdsa", "rsa"])
def test_repeated_signatures_stay_valid_and_sign_what_pyhanko_would(kind):
    private_der, certificate_der = _key_and_certificate(kind)
    material = KeyMaterial(1, private_der, certificate_der, "")
    signer, pdf = PadesSigner(), _pdf()
    first, second = signer(pdf, material, None, None), signer(pdf + b"\n", material, None, None)  # the second from the cache
    for signed in (first, second):
        signature, status = _validate(signed, certificate_der)
        assert status.intact and status.valid and status.trusted and status.coverage.name == "ENTIRE_FILE"
    # the cached attributes are byte for byte those pyHanko builds itself for that digest
    from pyhanko.sign.signers import SimpleSigner
    signed_attrs = signature.signer_info["signed_attrs"]
    digest = next(a["values"][0].native for a in signed_attrs if a["type"].native == "message_digest")
    plain = SimpleSigner(signing_cert=asn1_x509.Certificate.load(certificate_der),
                         signing_key=asn1_keys.PrivateKeyInfo.load(private_der), cert_registry=SimpleCertificateStore())
    reference = pyhanko_calls.run(lambda: plain.signed_attrs(digest, "sha256", use_pades=True, is_pdf_sig=True))
    assert sorted(a.dump() for a in signed_attrs) == sorted(a.dump() for a in reference)


def test_attributes_that_vary_are_never_cached():
    """Outside PAdES pyHanko adds a signing time: each signature builds its attributes afresh."""
    private_der, certificate_der = _key_and_certificate("ecdsa")
    signer = KeySigner(signing_cert=asn1_x509.Certificate.load(certificate_der),
                       signing_key=asn1_keys.PrivateKeyInfo.load(private_der), cert_registry=SimpleCertificateStore())
    from pyhanko.sign.signers.pdf_cms import PdfCMSSignedAttributes
    settings = PdfCMSSignedAttributes(signing_time=datetime.now(timezone.utc))
    attrs = pyhanko_calls.run(lambda: signer.signed_attrs(b"\x01" * 32, "sha256", attr_settings=settings, use_pades=False))
    assert "signing_time" in [a["type"].native for a in attrs] and not signer._attribute_templates
