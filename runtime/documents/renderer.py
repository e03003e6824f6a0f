"""HTML (Jinja2, autoescaped) and PDF (WeasyPrint) for the document view models. WeasyPrint may read
only files inside the theme, template and document-font folders: no network, no arbitrary paths."""
from __future__ import annotations

import base64
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from .fonts import font_dir, font_face_css
from .themes import Theme
from .seal_position import SealBox, seal_box
from .typography import finalize
from .verification import Verification
from .view_models import DocumentContext, build
from .wording import wording

TEMPLATES = Path(__file__).resolve().parent / "templates"
QR_PREFIX = "data:image/png;base64,"


@lru_cache(maxsize=16)
def _environment(theme_templates: str) -> Environment:
    return Environment(loader=FileSystemLoader([theme_templates, str(TEMPLATES)]),
                       autoescape=select_autoescape(default=True), trim_blocks=True, lstrip_blocks=True,
                       finalize=finalize)


def render_html(kind: str, doc: dict, result: dict, ctx: DocumentContext, theme: Theme,
                verification: Verification | None = None) -> str:
    """``verification``: the 扫码验真 block of an issued document (templates/_verification.html)."""
    words = wording(theme.wording)
    model = build(kind, doc, result, ctx, words)
    template = _environment(str(theme.templates)).get_template(f"{kind}.html")
    return template.render(m=model, words=words, theme=theme, base_css=(TEMPLATES / "document.css").read_text("utf-8"),
                           font_css=font_face_css(), verification=verification)


def _fetcher_for(theme: Theme):
    """A WeasyPrint fetcher that serves only local files inside the theme, template or font folders."""
    from urllib.parse import unquote, urlparse

    from weasyprint.urls import URLFetcher, URLFetcherResponse

    allowed = [theme.directory.resolve(), TEMPLATES.resolve(), font_dir().resolve()]

    class ThemeFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith(QR_PREFIX):   # the 扫码验真 QR code (verification.py); answers cannot make markup
                return URLFetcherResponse(url[:40], base64.b64decode(url[len(QR_PREFIX):]),
                                          {"Content-Type": "image/png"})
            parsed = urlparse(url)
            path = Path(unquote(parsed.path)).resolve() if parsed.scheme == "file" else None
            if path is None or not any(root == path or root in path.parents for root in allowed):
                raise ValueError(f"blocked resource: {url[:80]}")
            return super().fetch(url, headers)

    return ThemeFetcher(allowed_protocols={"file"}, allow_redirects=False)


_fonts = threading.local()


def _font_config(theme: Theme):
    """One FontConfiguration per thread and theme, kept for the life of the process. A fresh one per
    render (WeasyPrint's default) makes Pango reopen and re-measure the CJK font files every time; Pango
    font maps are not thread-safe, hence per thread. Keyed by theme because a theme's @font-face rules
    are registered into it."""
    from weasyprint.text.fonts import FontConfiguration
    configs = getattr(_fonts, "configs", None)
    if configs is None:
        configs = _fonts.configs = {}
    if theme.name not in configs:
        configs[theme.name] = FontConfiguration()
    return configs[theme.name]


def render_pdf(kind: str, doc: dict, result: dict, ctx: DocumentContext, theme: Theme, *, pdfa: bool = False) -> bytes:
    return render_document(kind, doc, result, ctx, theme, pdfa=pdfa).pdf


@dataclass(frozen=True)
class RenderedDocument:
    pdf: bytes
    seal: SealBox | None     # where the theme's seal image was laid out (hidden when signed)


def render_document(kind: str, doc: dict, result: dict, ctx: DocumentContext, theme: Theme, *, pdfa: bool = False,
                    verification: Verification | None = None) -> RenderedDocument:
    from weasyprint import HTML
    html = render_html(kind, doc, result, ctx, theme, verification)
    options = {"pdf_variant": "pdf/a-2b"} if pdfa else {}
    rendered = HTML(string=html, base_url=str(theme.directory) + "/", url_fetcher=_fetcher_for(theme)).render(
        font_config=_font_config(theme), stylesheets=[_pdfa_css()] if pdfa else None, **options)
    seal = seal_box(rendered, theme.seal.name) if theme.seal else None
    return RenderedDocument(rendered.write_pdf(finisher=_compress_once if pdfa else None, **options), seal)


@lru_cache(maxsize=1)
def _pdfa_css():
    """PDF/A-2 forbids image interpolation (ISO 19005-2 6.2.8: an image's Interpolate shall be false), and
    WeasyPrint sets it for every image whose CSS image-rendering is ``auto``: the seal and the logo."""
    from weasyprint import CSS
    return CSS(string="img { image-rendering: crisp-edges; }")


def _compress_once(_document, pdf) -> None:
    """A WeasyPrint finisher: deflate every stream now, once. PDF/A needs the file identifier, which pydyf
    computes as the MD5 of every object's bytes — and a pydyf stream deflates itself (level 9) each time
    its bytes are asked for, so every font and page was compressed twice (~8 ms of a notice's ~90 ms).
    Same level, same bytes: the file is identical."""
    import zlib

    import pydyf
    for obj in pdf.objects:
        if isinstance(obj, pydyf.Stream) and obj.compress:
            raw = b"\n".join(pydyf._to_bytes(item) for item in obj.stream)   # how pydyf.Stream.data joins them
            obj.stream, obj.compress = [zlib.compress(raw, 9)], False
            obj.extra["Filter"] = "/FlateDecode"
