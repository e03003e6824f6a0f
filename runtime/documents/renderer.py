"""HTML (Jinja2, autoescaped) and PDF (WeasyPrint) for the document view models. WeasyPrint may read
only files inside the theme, template and document-font folders: no network, no arbitrary paths."""
from __future__ import annotations

import threading
from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from .fonts import font_dir, font_face_css
from .themes import Theme
from .typography import finalize
from .view_models import DocumentContext, build
from .wording import wording

TEMPLATES = Path(__file__).resolve().parent / "templates"


@lru_cache(maxsize=16)
def _environment(theme_templates: str) -> Environment:
    return Environment(loader=FileSystemLoader([theme_templates, str(TEMPLATES)]),
                       autoescape=select_autoescape(default=True), trim_blocks=True, lstrip_blocks=True,
                       finalize=finalize)


def render_html(kind: str, doc: dict, result: dict, ctx: DocumentContext, theme: Theme) -> str:
    words = wording(theme.wording)
    model = build(kind, doc, result, ctx, words)
    template = _environment(str(theme.templates)).get_template(f"{kind}.html")
    return template.render(m=model, words=words, theme=theme, base_css=(TEMPLATES / "document.css").read_text("utf-8"),
                           font_css=font_face_css())


def _fetcher_for(theme: Theme):
    """A WeasyPrint fetcher that serves only local files inside the theme, template or font folders."""
    from urllib.parse import unquote, urlparse

    from weasyprint.urls import URLFetcher

    allowed = [theme.directory.resolve(), TEMPLATES.resolve(), font_dir().resolve()]

    class ThemeFetcher(URLFetcher):
        def fetch(self, url, headers=None):
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
    from weasyprint import HTML
    html = render_html(kind, doc, result, ctx, theme)
    options = {"pdf_variant": "pdf/a-2b"} if pdfa else {}
    return HTML(string=html, base_url=str(theme.directory) + "/", url_fetcher=_fetcher_for(theme)).write_pdf(
        font_config=_font_config(theme), **options)
