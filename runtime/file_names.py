"""File names as uploaded are shown to clerks and put in download headers, so they are normalised on
upload: Unicode NFC; control characters (NUL …) and invisible format characters — the bidi overrides
that make ``invoice‮fdp.exe`` read as ``invoiceexe.pdf``, zero-width spaces — removed; path separators
replaced; at most ``limit`` characters, keeping the end (the extension)."""
from __future__ import annotations

import unicodedata


def clean_file_name(name: str | None, limit: int = 120) -> str:
    text = unicodedata.normalize("NFC", name or "")
    text = "".join("_" if ch in "/\\" else ch for ch in text
                   if unicodedata.category(ch) not in ("Cc", "Cf", "Cs", "Co", "Cn"))
    text = " ".join(text.split())   # any run of whitespace (incl. line separators) becomes one space
    return text[-limit:].strip() or "file"
