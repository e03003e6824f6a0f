"""演示 certificates for `flask yiwang demo`: a demo root CA (kept in instance/demo-ca/, its key
encrypted like the department keys) and one signing certificate per department, every name marked
（演示）, so the embedded default signs documents out of the box. Not for production: a county imports
its real certificate (docs/documents.md)."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from runtime.models import Department

from .keys import _fernet, _instance_dir, active_key, store_key

CA_NAME = "一网演示根证书（演示，不可用于正式文书）"


def _name(common_name: str, organization: str = "一网（演示）") -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COUNTRY_NAME, "CN"),
                      x509.NameAttribute(NameOID.ORGANIZATION_NAME, organization),
                      x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


def demo_ca() -> tuple[ec.EllipticCurvePrivateKey, x509.Certificate]:
    """The demo root CA, created once per installation."""
    folder = _instance_dir() / "demo-ca"
    key_path, cert_path = folder / "ca-key.enc", folder / "ca.pem"
    if key_path.exists() and cert_path.exists():
        key = serialization.load_der_private_key(_fernet().decrypt(key_path.read_bytes()), None)
        return key, x509.load_pem_x509_certificate(cert_path.read_bytes())
    key = ec.generate_private_key(ec.SECP256R1())
    now = datetime.now(timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(_name(CA_NAME)).issuer_name(_name(CA_NAME))
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - timedelta(days=1)).not_valid_after(now + timedelta(days=3650))
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .add_extension(x509.KeyUsage(digital_signature=False, content_commitment=False, key_encipherment=False,
                                         data_encipherment=False, key_agreement=False, key_cert_sign=True,
                                         crl_sign=True, encipher_only=False, decipher_only=False), critical=True)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
            .sign(key, hashes.SHA256()))
    folder.mkdir(parents=True, exist_ok=True)
    key_path.write_bytes(_fernet().encrypt(key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                                                             serialization.NoEncryption())))
    key_path.chmod(0o600)
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return key, cert


def department_certificate(department: Department, ca_key, ca_cert, *, days: int = 730):
    """A new key and a demo certificate for ``department`` signed by the demo CA."""
    key = ec.generate_private_key(ec.SECP256R1())
    now = datetime.now(timezone.utc)
    subject = x509.Name([x509.NameAttribute(NameOID.COUNTRY_NAME, "CN"),
                         x509.NameAttribute(NameOID.ORGANIZATION_NAME, f"{department.name}（演示）"),
                         x509.NameAttribute(NameOID.COMMON_NAME, f"{department.name}电子印章（演示）")])
    cert = (x509.CertificateBuilder().subject_name(subject).issuer_name(ca_cert.subject)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - timedelta(days=1)).not_valid_after(now + timedelta(days=days))
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=True, key_encipherment=False,
                                         data_encipherment=False, key_agreement=False, key_cert_sign=False,
                                         crl_sign=False, encipher_only=False, decipher_only=False), critical=True)
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False)
            .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False)
            .sign(ca_key, hashes.SHA256()))
    return key, cert


def ensure_demo_keys(departments) -> list[str]:
    """Give every department without an active key a demo key; the names of those that got one."""
    ca_key, ca_cert = demo_ca()
    given = []
    for department in departments:
        if active_key(department.id) is None:
            key, cert = department_certificate(department, ca_key, ca_cert)
            store_key(department.id, key, cert, [ca_cert], demo=True)
            given.append(department.name)
    return given
