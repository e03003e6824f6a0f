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


@docs_cli.group("keys")
def keys_cli():
    """部门签章证书:导入、停用、列出。Department signing keys."""


def _department(code: str):
    from sqlalchemy import select

    from runtime.extensions import db
    from runtime.models import Department
    department = db.session.scalar(select(Department).where(Department.code == code))
    if department is None:
        _fail(f"找不到统一社会信用代码为 {code} 的部门")
    return department


@keys_cli.command("import")
@click.argument("department_code")
@click.argument("pkcs12", type=click.Path(exists=True, dir_okay=False))
@click.password_option("--password", confirmation_prompt=False, help="证书文件的密码。")
def keys_import(department_code, pkcs12, password):
    """导入部门的 PKCS#12 证书并用于签章(替换当前证书)。"""
    from flask import g

    from runtime.extensions import db
    from .keys import SigningKeyError, import_pkcs12
    g.audit_actor = "命令行 docs keys import"
    department = _department(department_code)
    try:
        key = import_pkcs12(department.id, Path(pkcs12).read_bytes()[:64 * 1024 + 1], password)
    except SigningKeyError as exc:
        _fail(str(exc))
    db.session.commit()
    click.echo(f"{department.name} 今后以“{key.subject}”签章(有效期至 {key.not_after:%Y-%m-%d})。")


@keys_cli.command("retire")
@click.argument("department_code")
def keys_retire(department_code):
    """停用部门当前的签章证书(已签文书仍可验真)。"""
    from flask import g

    from runtime.extensions import db
    from .keys import active_key, retire
    g.audit_actor = "命令行 docs keys retire"
    department = _department(department_code)
    key = active_key(department.id)
    if key is None:
        _fail(f"{department.name} 没有正在使用的签章证书")
    retire(key)
    db.session.commit()
    click.echo(f"已停用 {key.subject}。")


@keys_cli.command("list")
def keys_list():
    """列出所有签章证书。"""
    from sqlalchemy import select

    from runtime.extensions import db
    from runtime.models import SigningKey
    for k in db.session.scalars(select(SigningKey).order_by(SigningKey.department_id, SigningKey.id)):
        state = "使用中" if k.active else "已停用"
        click.echo(f"{k.department.name}\t{k.subject}{'(演示)' if k.demo and '演示' not in k.subject else ''}\t"
                   f"{k.not_before:%Y-%m-%d}–{k.not_after:%Y-%m-%d}\t{state}")
