"""Checking a PDF someone uploads on the verify page: is it exactly an issued document (its SHA-256 is
in the register), and is its signature valid — intact, covering the whole file, made with a key the
register knows (a department's current or retired key). pyHanko's validator does the cryptography;
no network is used (the trust anchors are the register's own certificates)."""
from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass

from . import pyhanko_calls

MAX_UPLOAD = 10 * 1024 * 1024   # issued documents are well under 1 MB


@dataclass(frozen=True)
class SignatureCheck:
    present: bool = False          # the file carries at least one signature
    intact: bool = False           # the signed bytes hash to the signed digest and the signature verifies
    whole_file: bool = False       # nothing was added after signing
    known_key: object = None       # the SigningKey row whose certificate signed it, if any
    readable: bool = True          # False: not a PDF we could read

    @property
    def valid(self) -> bool:
        return self.present and self.intact and self.whole_file and self.known_key is not None


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def check_signature(data: bytes, keys) -> SignatureCheck:
    """The last signature of ``data`` against ``keys`` (SigningKey rows: certificate DER, chain PEM)."""
    try:
        from pyhanko.pdf_utils.reader import PdfFileReader
        from pyhanko.sign.validation import async_validate_pdf_signature
        from pyhanko_certvalidator import ValidationContext
        from asn1crypto import x509 as asn1_x509

        reader = PdfFileReader(io.BytesIO(data), strict=False)
        signatures = reader.embedded_signatures
        if not signatures:
            return SignatureCheck(present=False)
        signature = signatures[-1]
        signer_der = signature.signer_cert.dump()
        known = next((k for k in keys if bytes(k.certificate) == signer_der), None)
        roots = [asn1_x509.Certificate.load(signer_der)]   # trust exactly the registered certificate
        context = ValidationContext(trust_roots=roots, allow_fetching=False, revocation_mode="soft-fail")
        status = pyhanko_calls.run(lambda: async_validate_pdf_signature(signature, signer_validation_context=context,
                                                                         skip_diff=True))
        from pyhanko.sign.validation.status import SignatureCoverageLevel
        return SignatureCheck(present=True, intact=bool(status.intact and status.valid),
                              whole_file=status.coverage == SignatureCoverageLevel.ENTIRE_FILE, known_key=known)
    except Exception:   # a damaged or crafted file: say we could not read it, never a 500
        return SignatureCheck(readable=False)
