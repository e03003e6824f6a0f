"""Printed documents: 一次性告知书, 受理通知书, 受理回执, 不予受理通知书, 缴费通知书, 办事指南 — HTML and
PDF from the same pre-review result the pages show. See docs/documents.md."""
from .renderer import render_html, render_pdf
from .themes import Theme, ThemeError, load_theme
from .view_models import KINDS, DocumentContext

__all__ = ["KINDS", "DocumentContext", "Theme", "ThemeError", "load_theme", "render_html", "render_pdf"]
