"""HTML (Jinja2, autoescaped) and PDF (WeasyPrint) for the document view models. WeasyPrint may read
only files inside the theme and template folders: no network, no arbitrary paths."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from .themes import Theme
from .view_models import DocumentContext, build
from .wording import wording

TEMPLATES = Path(__file__).resolve().parent / "templates"


@lru_cache(maxsize=16)
def _environment(theme_templates: str) -> Environment:
    return Environment(loader=FileSystemLoader([theme_templates, str(TEMPLATES)]),
                       autoescape=select_autoescape(default=True), trim_blocks=True, lstrip_blocks=True)


def render_html(kind: str, doc: dict, result: dict, ctx: DocumentContext, theme: Theme) -> str:
    words = wording(theme.wording)
    model = build(kind, doc, result, ctx, words)
    template = _environment(str(theme.templates)).get_template(f"{kind}.html")
    return template.render(m=model, words=words, theme=theme, base_css=(TEMPLATES / "document.css").read_text("utf-8"))


def _fetcher_for(theme: Theme):
    """A WeasyPrint fetcher that serves only local files inside the theme or template folders."""
    from urllib.parse import unquote, urlparse

    from weasyprint.urls import URLFetcher

    allowed = [theme.directory.resolve(), TEMPLATES.resolve()]

    class ThemeFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            parsed = urlparse(url)
            path = Path(unquote(parsed.path)).resolve() if parsed.scheme == "file" else None
            if path is None or not any(root == path or root in path.parents for root in allowed):
                raise ValueError(f"blocked resource: {url[:80]}")
            return super().fetch(url, headers)

    return ThemeFetcher(allowed_protocols={"file"}, allow_redirects=False)


def render_pdf(kind: str, doc: dict, result: dict, ctx: DocumentContext, theme: Theme, *, pdfa: bool = False) -> bytes:
    from weasyprint import HTML
    html = render_html(kind, doc, result, ctx, theme)
    options = {"pdf_variant": "pdf/a-2b"} if pdfa else {}
    return HTML(string=html, base_url=str(theme.directory) + "/", url_fetcher=_fetcher_for(theme)).write_pdf(**options)
