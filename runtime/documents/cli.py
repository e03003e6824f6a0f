"""``flask docs render KIND ITEM.json APPLICATION.json -o out.pdf``: any document from files."""
from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup

from runtime import strict_json
from runtime.engine.compiled_item import DefinitionInvalid, compile_item
from runtime.engine.definition import DefinitionReadError, read_definition_file
from runtime.engine.prereview import prereview

from .renderer import render_html, render_pdf
from .themes import ThemeError, load_theme
from .view_models import KINDS, DocumentContext

docs_cli = AppGroup("docs", help="文书:生成一次性告知书、受理通知书等 PDF。Render documents.")


def _fail(message: str):
    click.echo(message, err=True)
    sys.exit(2)


@docs_cli.command("render")
@click.argument("kind", type=click.Choice(KINDS))
@click.argument("item", type=click.Path(dir_okay=False))
@click.argument("application", type=click.Path(dir_okay=False))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), help="输出文件(.pdf 或 .html)。")
@click.option("--theme", default=None, help="主题名称(themes/ 下的目录),默认取 YIWANG_THEME。")
@click.option("--pdfa", is_flag=True, help="输出 PDF/A-2b 归档格式。")
@click.option("--number", default="", help="文书编号。")
@click.option("--today", default=None, help="签发日期 YYYY-MM-DD,默认为今天。")
@click.option("--clerk", default="", help="经办人。")
@click.option("--reason", "reasons", multiple=True, help="不予受理理由(可多次)。")
@click.option("--authority", default="", help="应向其申请的机关(不属于本机关职权时)。")
def render_command(kind, item, application, output, theme, pdfa, number, today, clerk, reasons, authority):
    """按事项定义和申请生成文书。Render one document for an application."""
    try:
        doc = read_definition_file(Path(item))
    except DefinitionReadError as exc:
        _fail(str(exc))
    try:
        app_data = strict_json.loads(Path(application).read_text("utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:   # strict: no NaN/Infinity, bounded nesting
        _fail(f"{application}: 无法读取申请文件({exc})")
    if not isinstance(app_data, dict):
        _fail(f"{application}: 申请必须是 JSON 对象")
    try:
        issued = date.fromisoformat(today) if today else date.today()
    except ValueError:
        _fail(f"--today 应为 YYYY-MM-DD 格式的日期:{today}")
    try:
        compiled = compile_item(doc)
    except DefinitionInvalid as exc:
        _fail("事项定义有错误:\n" + "\n".join(f"  {p.path}: {p.message}" for p in exc.problems if p.severity == "error"))
    try:
        chosen = load_theme(theme or current_app.config.get("YIWANG_THEME", "default"))
    except ThemeError as exc:
        _fail(str(exc))
    result = prereview(compiled, app_data, today=issued).to_dict()
    ctx = DocumentContext(number=number, issued_on=issued.isoformat(), application_number=app_data.get("number", ""),
                          applicant=app_data.get("applicant") if isinstance(app_data.get("applicant"), dict) else {},
                          clerk=clerk, reasons=list(reasons), authority=authority)
    if output.endswith(".html"):
        Path(output).write_text(render_html(kind, doc, result, ctx, chosen), encoding="utf-8")
    else:
        Path(output).write_bytes(render_pdf(kind, doc, result, ctx, chosen, pdfa=pdfa))
    click.echo(f"已生成 {output}")


@docs_cli.command("build-fonts")
@click.option("--target", default=None, type=click.Path(file_okay=False), help="输出目录,默认 YIWANG_DOCUMENT_FONTS 或 instance/fonts。")
def build_fonts_command(target):
    """从 fonts-noto-cjk 裁剪文书用字体(GB 2312 常用字),约需一两分钟。Cut the document font faces."""
    from .fonts import build_fonts
    try:
        build_fonts(Path(target) if target else None, echo=click.echo)
    except (FileNotFoundError, ValueError) as exc:
        _fail(str(exc))
    click.echo("字体已生成;文书将优先使用裁剪后的字体,生僻字仍由完整的 Noto 字体显示。")
