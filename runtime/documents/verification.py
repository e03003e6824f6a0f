"""扫码验真: the short verification code printed on every issued document, its public URL
(/zwfw/verify/<code>) and the QR code of that URL (segno): a PNG of one pixel per module, drawn by
WeasyPrint without interpolation, so its edges stay sharp at any print size. (An inline SVG was the
first choice, but WeasyPrint parsed its few hundred path segments on every page, 30-50 ms a document.)

A code is 12 characters of Crockford base32 (60 random bits), printed as XXXX-XXXX-XXXX: unguessable
with the look-ups rate-limited, short enough to type from paper. Letters that read alike (I L O U)
are not used, and typing them is forgiven (I/L -> 1, O -> 0)."""
from __future__ import annotations

import re
import secrets
from dataclasses import dataclass

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
LENGTH = 12
_TYPOS = str.maketrans({"I": "1", "L": "1", "O": "0"})
_CODE = re.compile(rf"^[{ALPHABET}]{{{LENGTH}}}$")


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def normalize(text: str) -> str | None:
    """The stored form of a typed or scanned code (dashes, spaces and case ignored), or None."""
    code = re.sub(r"[\s-]", "", (text or "")[:40]).upper().translate(_TYPOS)
    return code if _CODE.match(code) else None


def grouped(code: str) -> str:
    return "-".join(code[i:i + 4] for i in range(0, len(code), 4))


@dataclass(frozen=True)
class Verification:
    """What the shared partial (templates/_verification.html) prints on an issued document."""
    code: str
    url: str
    signed: bool = True   # the seal is the signature's appearance, so the printed image is hidden

    @property
    def display_code(self) -> str:
        return grouped(self.code)

    @property
    def qr_png(self) -> str:
        """A data: URL (the renderer's fetcher serves exactly these, nothing else that is not a file)."""
        import segno
        # error level M survives a stamp or a fold over part of the code; the quiet zone is the CSS margin
        return segno.make(self.url, error="m", micro=False).png_data_uri(scale=1, border=0)


def verification_url(base_url: str, code: str) -> str:
    return f"{base_url.rstrip('/')}/zwfw/verify/{grouped(code)}"
