"""Signing an issued PDF: PAdES baseline B-B (B-T when a timestamp authority is configured) with the
department's key, as an incremental update (the rendered PDF/A-2b bytes stay untouched before it), the
theme's seal image as the visible appearance where the layout put the seal.

The step is pluggable (YIWANG_DOCUMENT_SIGNER = "module:factory"): a signer is any callable
``sign(pdf, key, seal, seal_image) -> bytes``. PadesSigner here signs with RSA or ECDSA through pyHanko; a GB/T 38540
(SM2/SM3) electronic-seal signer would be another factory (docs/documents.md says what it needs)."""
from __future__ import annotations

import io
import threading
from functools import lru_cache
from importlib import import_module
from pathlib import Path
from typing import Protocol

from . import pyhanko_calls
from .keys import KeyMaterial
from .seal_position import SealBox

FIELD_NAME = "YiwangSeal"


class DocumentSigner(Protocol):
    def __call__(self, pdf: bytes, key: KeyMaterial, seal: SealBox | None, seal_image: Path | None) -> bytes: ...


class PadesSigner:
    """pyHanko PAdES signer. ``timestamp_url``: an RFC 3161 TSA (B-T); empty: B-B."""

    def __init__(self, timestamp_url: str = "", reason: str = "", location: str = ""):
        self.timestamp_url, self.reason, self.location = timestamp_url, reason, location
        self._signers: dict[tuple, object] = {}
        self._lock = threading.Lock()

    def _signer(self, key: KeyMaterial):
        """The pyHanko signer for a key, built once per process (key_signer.py: the loaded key and the
        constant signed attributes are most of a signature's cost). Keyed by the certificate too: a row id
        alone can come back."""
        cache_key = (key.key_id, key.certificate_der)
        with self._lock:
            if cache_key not in self._signers:
                from asn1crypto import keys as asn1_keys, pem, x509 as asn1_x509
                from pyhanko_certvalidator.registry import SimpleCertificateStore

                from .key_signer import KeySigner
                chain = [asn1_x509.Certificate.load(der) for _type, _headers, der in
                         pem.unarmor(key.chain_pem.encode(), multiple=True)] if key.chain_pem else []
                self._signers[cache_key] = KeySigner(
                    signing_cert=asn1_x509.Certificate.load(key.certificate_der),
                    signing_key=asn1_keys.PrivateKeyInfo.load(key.private_key_der),
                    cert_registry=SimpleCertificateStore.from_certs(chain))
            return self._signers[cache_key]

    def __call__(self, pdf: bytes, key: KeyMaterial, seal: SealBox | None, seal_image: Path | None) -> bytes:
        from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
        from pyhanko.sign import fields
        from pyhanko.sign.signers.pdf_signer import PdfSignatureMetadata, PdfSigner

        writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
        meta = PdfSignatureMetadata(field_name=FIELD_NAME, md_algorithm="sha256",
                                    subfilter=fields.SigSeedSubFilter.PADES, reason=self.reason or None,
                                    location=self.location or None)
        if seal is not None and seal_image is not None:
            spec = fields.SigFieldSpec(FIELD_NAME, on_page=seal.page, box=seal.box)
            style = _seal_style(seal_image)
        else:   # no seal image in the theme: an invisible signature (the printed 专用章 placeholder stays)
            spec, style = fields.SigFieldSpec(FIELD_NAME, on_page=0, box=None), None
        timestamper = None
        if self.timestamp_url:
            from pyhanko.sign.timestamps import HTTPTimeStamper
            timestamper = HTTPTimeStamper(self.timestamp_url, timeout=10)
        out = io.BytesIO()
        # Without a timestamp the CMS size is known (certificates + one signature): reserving it skips pyHanko's
        # dry-run signature that only measures it (a third of the cost). With a timestamp the token's size is not.
        reserved = None if timestamper else 2 * (4096 + len(key.certificate_der) + len(key.chain_pem))   # hex digits
        signer = PdfSigner(meta, self._signer(key), timestamper=timestamper, stamp_style=style, new_field_spec=spec)
        pyhanko_calls.run(lambda: signer.async_sign_pdf(writer, output=out, bytes_reserved=reserved))
        return out.getvalue()


def _seal_style(image: Path):
    from pyhanko.pdf_utils.layout import AxisAlignment, Margins, SimpleBoxLayoutRule
    from pyhanko.stamp import StaticStampStyle
    return StaticStampStyle(background=_SealImage(image), background_opacity=0.85, border_width=0,
                            background_layout=SimpleBoxLayoutRule(x_align=AxisAlignment.ALIGN_MID,
                                                                  y_align=AxisAlignment.ALIGN_MID,
                                                                  margins=Margins.uniform(0)))


@lru_cache(maxsize=8)
def _encoded_seal(path: str, mtime: float) -> tuple:
    """The seal image as compressed PDF image streams (colour, alpha), made once per file: pyHanko's
    PdfImage would decode and deflate the PNG again for every signature (a quarter of its cost)."""
    import zlib

    from PIL import Image
    with Image.open(path) as img:
        img = img.convert("RGBA")
        alpha = zlib.compress(img.getchannel("A").tobytes())
        rgb = zlib.compress(img.convert("RGB").tobytes())
        return img.width, img.height, rgb, alpha


def _SealImage(path: Path):
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.generic import pdf_name
    from pyhanko.pdf_utils.images import PdfImage
    from PIL import Image

    width, height, rgb, alpha = _encoded_seal(str(path), path.stat().st_mtime)

    class SealImage(PdfImage):
        @property
        def image_ref(self):
            if self._image_ref is None or self._image_ref.get_pdf_handler() is not self.writer:
                def stream(colour_space, data, **extra):
                    return generic.StreamObject({
                        pdf_name("/Type"): pdf_name("/XObject"), pdf_name("/Subtype"): pdf_name("/Image"),
                        pdf_name("/Width"): generic.NumberObject(width), pdf_name("/Height"): generic.NumberObject(height),
                        pdf_name("/ColorSpace"): pdf_name(colour_space), pdf_name("/BitsPerComponent"): generic.NumberObject(8),
                        pdf_name("/Filter"): pdf_name("/FlateDecode"), **extra}, encoded_data=data)
                mask = self.writer.add_object(stream("/DeviceGray", alpha))
                self._image_ref = self.writer.add_object(stream("/DeviceRGB", rgb, **{pdf_name("/SMask"): mask}))
            return self._image_ref

    return SealImage(Image.new("L", (width, height)))   # the size only: the pixels come from the cache


def pades_signer(config: dict) -> PadesSigner:
    return PadesSigner(timestamp_url=config.get("YIWANG_TIMESTAMP_URL", ""))


_configured: dict[tuple, DocumentSigner] = {}


def document_signer(config: dict) -> DocumentSigner:
    """The signer YIWANG_DOCUMENT_SIGNER names ("module:factory", default this module's pades_signer),
    one per process and configuration."""
    spec = config.get("YIWANG_DOCUMENT_SIGNER") or "runtime.documents.signing:pades_signer"
    cache_key = (spec, config.get("YIWANG_TIMESTAMP_URL", ""))
    if cache_key not in _configured:
        module, _, factory = spec.partition(":")
        _configured[cache_key] = getattr(import_module(module), factory)(config)
    return _configured[cache_key]
