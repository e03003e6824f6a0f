"""PDF/A-2b of issued documents: every issued kind, signed with the seal as the visible appearance,
signed invisibly (a theme without a seal), and unsigned (no key: the seal image printed), breaks none of
the PDF/A-2b rules of tests/documents/pdfa_rules.py — before signing and after the signature's
incremental update. And the checker is not blind: documents edited to break a rule fail it."""
import io
import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec

from runtime.documents import KINDS, DocumentContext, load_theme
from runtime.documents.issuing import UNNUMBERED
from runtime.documents.keys import KeyMaterial
from runtime.documents.renderer import render_document
from runtime.documents.signing import PadesSigner
from runtime.documents.verification import Verification, verification_url
from runtime.engine.compiled_item import compile_item
from runtime.engine.prereview import prereview
from tests.documents.pdfa_rules import problems

ROOT = Path(__file__).resolve().parents[2]
ISSUED = [kind for kind in KINDS if kind not in UNNUMBERED]
CODE = "7K3M9QXR2D4F"


@pytest.fixture(scope="module")
def key():
    private = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(x509.NameOID.COMMON_NAME, "秦源县住房和城乡建设局电子印章（演示）")])
    now = datetime.now(timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(private.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - timedelta(days=1))
            .not_valid_after(now + timedelta(days=30)).sign(private, hashes.SHA256()))
    return KeyMaterial(1, private.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                                                serialization.NoEncryption()), cert.public_bytes(serialization.Encoding.DER), "")


def _rendered(kind: str, theme, signed: bool):
    doc = json.loads((ROOT / "item_defs/construction-permit.json").read_text("utf-8"))
    case = "missing" if kind == "one_time_notice" else "complete"
    app = json.loads((ROOT / f"tests/fixtures/applications/construction-permit/{case}.json").read_text("utf-8"))
    ctx = DocumentContext(number="秦建受字〔2026〕第0007号", issued_on="2026-10-09", applicant=app["applicant"],
                          clerk="刘窗口", reasons=["申请事项依法不需要取得行政许可"])
    verification = Verification(CODE, verification_url("https://zwfw.qinyuan.gov.cn", CODE), signed=signed)
    return render_document(kind, doc, prereview(compile_item(doc), app).to_dict(), ctx, theme, pdfa=True,
                           verification=verification)


@pytest.mark.parametrize("kind", ISSUED)
def test_issued_kinds_stay_pdfa_2b_signed_with_the_seal(kind, key):
    theme = load_theme("qinyuan")
    rendered = _rendered(kind, theme, signed=True)
    assert problems(rendered.pdf) == []
    signed = PadesSigner()(rendered.pdf, key, rendered.seal, theme.seal)
    assert signed.startswith(rendered.pdf) and problems(signed) == []


def test_an_invisible_signature_and_an_unsigned_document_stay_pdfa_2b(key):
    unsigned = _rendered("acceptance_notice", load_theme("qinyuan"), signed=False)   # no key: the seal image is printed
    assert problems(unsigned.pdf) == []
    rendered = _rendered("rejection_notice", load_theme(), signed=True)              # no seal image in the theme
    assert rendered.seal is None
    assert problems(PadesSigner()(rendered.pdf, key, None, None)) == []


def _edited(pdf: bytes, change) -> bytes:
    """``pdf`` with ``change(writer, root)`` written as one more incremental update."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    change(writer, writer.root)
    writer.update_root()
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_the_checker_finds_what_breaks_pdfa(key):
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.generic import pdf_name
    theme = load_theme("qinyuan")
    rendered = _rendered("acceptance_notice", theme, signed=True)
    signed = PadesSigner()(rendered.pdf, key, rendered.seal, theme.seal)

    def javascript(writer, root):
        root[pdf_name("/OpenAction")] = writer.add_object(generic.DictionaryObject({
            pdf_name("/S"): pdf_name("/JavaScript"), pdf_name("/JS"): generic.TextStringObject("app.alert(1)")}))

    def hidden_seal(writer, root):
        field = root["/AcroForm"]["/Fields"][0]
        field[pdf_name("/F")] = generic.NumberObject(2 | 4)
        writer.update_container(field)

    def unembedded_font(writer, root):
        fonts = root["/Pages"]["/Kids"][0]["/Resources"]["/Font"]
        fonts[pdf_name("/FX")] = generic.DictionaryObject({
            pdf_name("/Type"): pdf_name("/Font"), pdf_name("/Subtype"): pdf_name("/Type1"),
            pdf_name("/BaseFont"): pdf_name("/Helvetica")})
        writer.update_container(fonts)

    def replaced_metadata(writer, root):   # pyHanko then writes XMP of its own, without the PDF/A identification
        del root["/Metadata"]

    for found in (problems(_edited(signed, lambda writer, root: None)),):   # a later revision alone breaks nothing
        assert found == []
    for change, rule in ((javascript, "6.5.1-1"), (hidden_seal, "6.3.2-2"), (unembedded_font, "6.2.11.4.1-1"),
                         (replaced_metadata, "6.6.4")):
        found = problems(_edited(signed, change))
        assert any(line.startswith(rule) for line in found), (change.__name__, found)
    assert any(line.startswith("6.1.3-3") for line in problems(signed + b"%% appended\n"))
    body = signed.replace(b"/Interpolate false", b"/Interpolate true ")   # the QR code's image, same length
    assert any(line.startswith("6.2.8-3") for line in problems(body))
