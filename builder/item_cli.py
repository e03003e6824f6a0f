"""The ``flask items`` command group: validate and check definitions (files or stored items).

Exit codes: 0 all valid / check ran; 1 problems found; 2 unreadable input.
Other modules add commands to ``items_cli`` (load, export, import).
"""
from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

import click
from flask.cli import AppGroup

from runtime import strict_json
from runtime.engine.compiled_item import DefinitionInvalid, compile_item
from runtime.engine.definition import DefinitionReadError, definition_files, read_definition_file
from runtime.engine.prereview import prereview
from runtime.engine.validation import validate_definition

items_cli = AppGroup("items", help="事项定义:校验、试算、导入导出。Item definitions: validate, check, load, export.")


def _stored_definition(code: str):
    """A stored item's latest published definition, when the web layer is set up; else None."""
    try:
        from builder.item_store import latest_definition
    except ImportError:
        return None
    try:
        return latest_definition(code)
    except Exception:  # noqa: BLE001 - no database configured: treat as not stored
        return None


def _sources(paths):
    """(label, document-or-error) for each argument: files, folders, or stored implementation codes."""
    for arg in paths:
        p = Path(arg)
        if p.exists():
            for f in definition_files([p]):
                try:
                    yield str(f), read_definition_file(f)
                except DefinitionReadError as exc:
                    yield str(f), exc
            continue
        stored = _stored_definition(arg)
        if stored is None:
            yield arg, DefinitionReadError(f"{arg}: 文件不存在,也不是已入库事项的实施编码")
        else:
            yield f"{arg}(已发布版本)", stored


@items_cli.command("validate")
@click.argument("paths", nargs=-1, required=True)
def validate_command(paths):
    """校验事项定义文件、目录或已入库事项(按实施编码)。Validate definitions."""
    unreadable = invalid = checked = 0
    for label, doc in _sources(paths):
        if isinstance(doc, Exception):
            click.echo(f"{doc}", err=True)
            unreadable += 1
            continue
        checked += 1
        problems = validate_definition(doc)
        errors = [p for p in problems if p.severity == "error"]
        for p in problems:
            prefix = "" if p.severity == "error" else "警告 "
            click.echo(f"{label}: {p.path}: {prefix}{p.message}")
        invalid += bool(errors)
    click.echo(f"共校验 {checked} 个定义:{checked - invalid} 个有效,{invalid} 个有错误;{unreadable} 个无法读取。",
               err=True)
    sys.exit(2 if unreadable else 1 if invalid else 0)


@items_cli.command("check")
@click.argument("item")
@click.argument("application", type=click.Path(dir_okay=False))
@click.option("--today", help="按此日期预审(YYYY-MM-DD);默认为申请的提交日期 submitted_on,"
                                "申请中没有提交日期时为今天。")
def check_command(item, application, today):
    """对申请运行自动预审,输出 JSON 结果。Run pre-review of APPLICATION against ITEM."""
    sources = list(_sources([item]))
    label, doc = sources[0] if len(sources) == 1 else (item, DefinitionReadError(f"{item}: 请指定一个事项定义文件"))
    if isinstance(doc, Exception):
        click.echo(str(doc), err=True)
        sys.exit(2)
    try:
        app_doc = strict_json.loads(Path(application).read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        click.echo(f"{application}: 无法读取申请文件({exc})", err=True)
        sys.exit(2)
    if not isinstance(app_doc, dict):
        click.echo(f"{application}: 申请必须是 JSON 对象", err=True)
        sys.exit(2)
    try:
        on = date.fromisoformat(today) if today else None
    except ValueError:
        click.echo(f"--today 应为 YYYY-MM-DD 格式的日期:{today}", err=True)
        sys.exit(2)
    try:
        compiled = compile_item(doc)
    except DefinitionInvalid as exc:
        for p in exc.problems:
            if p.severity == "error":
                click.echo(f"{label}: {p.path}: {p.message}", err=True)
        sys.exit(1)
    result = prereview(compiled, app_doc, today=on)
    click.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
