"""Department signing keys: import a PKCS#12 (replacing the active key), retire a key, and load the
active key for signing. The private key is kept encrypted with Fernet (AES-128-CBC + HMAC-SHA256)
under YIWANG_KEY_ENCRYPTION_KEY; without it the embedded default generates one once and keeps it in
``instance/key_encryption_key`` (like SECRET_KEY). Private keys never leave the server: nothing here
exports them."""
from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from cryptography import x509
from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from flask import current_app
from sqlalchemy import select

from runtime.extensions import db
from runtime.models import SigningKey
from runtime.models.timestamps import utcnow


class SigningKeyError(ValueError):
    """A key that cannot be imported or used; the message is Chinese, for the administrator."""


def _instance_dir() -> Path:
    from runtime.config import INSTANCE
    return Path(current_app.config.get("YIWANG_INSTANCE_DIR") or INSTANCE)


def encryption_key() -> bytes:
    """The Fernet key for private keys at rest: YIWANG_KEY_ENCRYPTION_KEY, else instance/key_encryption_key."""
    configured = current_app.config.get("YIWANG_KEY_ENCRYPTION_KEY")
    if configured:
        return configured.encode() if isinstance(configured, str) else configured
    path = _instance_dir() / "key_encryption_key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_bytes(Fernet.generate_key())
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    return path.read_bytes().strip()


def _fernet() -> Fernet:
    try:
        return Fernet(encryption_key())
    except ValueError:
        raise SigningKeyError("YIWANG_KEY_ENCRYPTION_KEY 无效：应为 32 字节的 URL 安全 Base64 密钥"
                        "（可用 python -c \"from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())\" 生成）") from None


def _name(name: x509.Name) -> str:
    cn = name.get_attributes_for_oid(x509.NameOID.COMMON_NAME)
    return str(cn[0].value) if cn else name.rfc4514_string()


def store_key(department_id: int, private_key, certificate: x509.Certificate, chain=(), *, demo: bool = False,
              user_id: int | None = None) -> SigningKey:
    """Keep ``private_key`` and ``certificate`` as the department's active key; the previous active key is
    retired (kept, so documents it signed stay checkable). Flushes; the caller commits."""
    if not isinstance(private_key, (rsa.RSAPrivateKey, ec.EllipticCurvePrivateKey)):
        raise SigningKeyError("只支持 RSA 或 ECDSA 私钥（SM2 见 docs/documents.md 的 GB/T 38540 一节）")
    if certificate.public_key().public_numbers() != private_key.public_key().public_numbers():
        raise SigningKeyError("证书与私钥不匹配")
    now = datetime.now(timezone.utc)
    if certificate.not_valid_after_utc <= now:
        raise SigningKeyError(f"证书已于 {certificate.not_valid_after_utc:%Y-%m-%d} 过期，请导入有效的证书")
    der = private_key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                                    serialization.NoEncryption())
    for old in db.session.scalars(select(SigningKey).where(SigningKey.department_id == department_id,
                                                           SigningKey.active.is_(True))):
        old.active, old.retired_at = False, utcnow()
    row = SigningKey(department_id=department_id, subject=_name(certificate.subject)[:300],
                     issuer=_name(certificate.issuer)[:300], serial=format(certificate.serial_number, "x")[:64],
                     not_before=certificate.not_valid_before_utc.replace(tzinfo=None),
                     not_after=certificate.not_valid_after_utc.replace(tzinfo=None),
                     certificate=certificate.public_bytes(serialization.Encoding.DER),
                     chain="".join(c.public_bytes(serialization.Encoding.PEM).decode() for c in chain),
                     private_key=_fernet().encrypt(der), demo=demo, active=True, created_by_id=user_id)
    db.session.add(row)
    db.session.flush()
    return row


def import_pkcs12(department_id: int, data: bytes, password: str, *, user_id: int | None = None) -> SigningKey:
    """Import a PKCS#12 (.p12/.pfx) file as the department's active signing key."""
    if not data:
        raise SigningKeyError("请选择 PKCS#12 证书文件（.p12 或 .pfx）")
    if len(data) > 64 * 1024:
        raise SigningKeyError("证书文件过大（PKCS#12 证书文件通常小于 20 KB）")
    try:
        key, cert, chain = pkcs12.load_key_and_certificates(data, password.encode() if password else None)
    except ValueError:
        raise SigningKeyError("无法读取证书文件：不是 PKCS#12 文件，或密码不正确") from None
    if key is None or cert is None:
        raise SigningKeyError("证书文件中没有私钥或证书")
    return store_key(department_id, key, cert, chain or (), user_id=user_id)


def retire(key: SigningKey) -> None:
    """Stop signing with ``key``; documents it signed stay checkable. Flushes; the caller commits."""
    key.active, key.retired_at = False, key.retired_at or utcnow()
    db.session.flush()


def active_key(department_id: int) -> SigningKey | None:
    return db.session.scalar(select(SigningKey).where(SigningKey.department_id == department_id,
                                                      SigningKey.active.is_(True)).order_by(SigningKey.id.desc()))


@dataclass(frozen=True)
class KeyMaterial:
    """Decrypted key material for one signature (kept only in memory)."""
    key_id: int
    private_key_der: bytes     # PKCS#8
    certificate_der: bytes
    chain_pem: str


def key_material(key: SigningKey) -> KeyMaterial:
    try:
        der = _fernet().decrypt(key.private_key)
    except InvalidToken:
        raise SigningKeyError("无法解密签章私钥：YIWANG_KEY_ENCRYPTION_KEY 与导入时不同") from None
    return KeyMaterial(key.id, der, key.certificate, key.chain or "")
