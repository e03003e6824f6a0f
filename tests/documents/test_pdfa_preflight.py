"""A second, independent PDF/A validator: Apache PDFBox Preflight (Debian's libpdfbox2-java, which
scripts/setup --dev installs; it runs on the machine's Java). Preflight validates PDF/A-1b only, so it
also reports what PDF/A-2 allows on purpose — cross-reference streams, transparency (the seal's
opacity and soft mask), OpenType font programs, compressed XMP, no CIDSet — and nothing else may
appear. A document edited to break a rule both parts share must fail."""
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from runtime.documents import load_theme
from runtime.documents.signing import PadesSigner
from tests.documents.test_pdfa import _edited, _rendered, key  # noqa: F401 - the key fixture

JARS = [Path("/usr/share/java") / name for name in ("preflight.jar", "pdfbox2.jar", "fontbox2.jar", "xmpbox.jar",
                                                     "commons-logging.jar", "javax.activation.jar", "jaxb-api.jar")]
# PDF/A-1 rules that PDF/A-2 (ISO 19005-2, based on PDF 1.7) relaxed: (Preflight's code, its message)
PDFA1_ONLY = [("1.4", r"/XRef cross reference streams are not allowed"),
              ("1.2.7", r"Filter specified in metadata dictionary"),
              ("2.2.1", r"Group has a transparency S entry"),
              ("2.2.2", r"Soft Mask must be null or None"),
              ("4.1.2", r"Transparency error, (CA|ca) entry in a ExtGState is invalid"),
              ("3.1.3", r"invalid /Subtype /OpenType in /FontFile3 stream"),
              ("3.1.11", r"The CIDSet entry is missing for the Composite Subset")]


@pytest.fixture(scope="module")
def preflight():
    if not shutil.which("java") or not all(jar.is_file() for jar in JARS):
        if os.environ.get("CI") and shutil.which("java"):
            pytest.fail("PDFBox Preflight missing: apt-get install libpdfbox2-java libactivation-java libjaxb-api-java")
        pytest.skip("Java or PDFBox Preflight not installed (apt-get install libpdfbox2-java libactivation-java libjaxb-api-java)")
    return ":".join(str(jar) for jar in JARS)


def findings(classpath: str, pdf: bytes, tmp_path) -> list[str]:
    """Preflight's findings that PDF/A-2b also forbids (or that this list does not know)."""
    path = tmp_path / "doc.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["java", "-cp", classpath, "org.apache.pdfbox.preflight.Validator_A1b", str(path)],
                         capture_output=True, text=True, timeout=120).stdout
    lines = [line for line in out.splitlines() if re.match(r"\d+(\.\d+)* : ", line)]
    assert lines or "is a valid PDF/A-1b file" in out, out
    return [line for line in lines if not any(line.startswith(code + " : ") and re.search(message, line)
                                              for code, message in PDFA1_ONLY)]


def test_preflight_finds_nothing_pdfa_2b_forbids_in_issued_documents(preflight, key, tmp_path):
    theme = load_theme("qinyuan")
    for kind in ("acceptance_notice", "acceptance_slip"):
        rendered = _rendered(kind, theme, signed=True)
        signed = PadesSigner()(rendered.pdf, key, rendered.seal, theme.seal)
        assert findings(preflight, signed, tmp_path) == [], kind
    assert findings(preflight, _rendered("rejection_notice", theme, signed=False).pdf, tmp_path) == []   # no key


def test_preflight_fails_a_document_with_javascript(preflight, key, tmp_path):
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.generic import pdf_name
    theme = load_theme("qinyuan")
    rendered = _rendered("acceptance_notice", theme, signed=True)

    def javascript(writer, root):
        root[pdf_name("/OpenAction")] = writer.add_object(generic.DictionaryObject({
            pdf_name("/S"): pdf_name("/JavaScript"), pdf_name("/JS"): generic.TextStringObject("app.alert(1)")}))
    found = findings(preflight, _edited(PadesSigner()(rendered.pdf, key, rendered.seal, theme.seal), javascript), tmp_path)
    assert any("JavaScript" in line for line in found), found
