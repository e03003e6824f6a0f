"""A department's document-signing key (电子印章 certificate): the certificate and its chain in clear,
the private key encrypted at rest (runtime/documents/keys.py). One active key per department; a
replaced or retired key stays, so documents it signed can still be checked against it."""
from flask_appbuilder import Model
from sqlalchemy import Boolean, Column, DateTime, ForeignKey, Integer, LargeBinary, String, Text
from sqlalchemy.orm import relationship

from .timestamps import utcnow


class SigningKey(Model):
    __tablename__ = "signing_key"
    __audited__ = "签章密钥"

    id = Column(Integer, primary_key=True)
    department_id = Column(Integer, ForeignKey("department.id", ondelete="CASCADE"), nullable=False, index=True)
    subject = Column(String(300), nullable=False)           # the certificate's subject, for people
    issuer = Column(String(300), nullable=False)
    serial = Column(String(64), nullable=False)             # hex
    not_before = Column(DateTime, nullable=False)
    not_after = Column(DateTime, nullable=False)
    certificate = Column(LargeBinary, nullable=False)       # DER
    chain = Column(Text, nullable=False, default="")        # PEM of the issuing certificates, if any
    private_key = Column(LargeBinary, nullable=False)       # PKCS#8 DER, Fernet-encrypted (keys.py)
    demo = Column(Boolean, nullable=False, default=False)   # issued by `flask yiwang demo`: 演示
    active = Column(Boolean, nullable=False, default=True)
    retired_at = Column(DateTime)
    created_by_id = Column(Integer, ForeignKey("ab_user.id"))
    created_at = Column(DateTime, default=utcnow, nullable=False)

    department = relationship("Department")

    def __repr__(self) -> str:
        return self.subject
