"""``flask items export`` and ``flask items import``."""
from __future__ import annotations

import hashlib
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

import click
from flask import current_app, g
from sqlalchemy import select

from runtime import audit
from runtime.extensions import db
from runtime.models import Department

from ..item_cli import items_cli
from . import limits
from .apply import ImportRefused, apply_plan
from .bundle import BundleError, read_bundle
from .export import ExportRefused, Selection, refuse_oversized, write_parts
from .local_keys import MODES
from .parts import PartsError, bundle_parts
from .plan import CHOICES, STATUS_LABELS, iter_plan
from .summary import ImportSummary


def _bar(label):
    def show(n, total, name):
        width = 30
        done = int(width * n / total) if total else width
        click.echo(f"\r{label} [{'#' * done}{'.' * (width - done)}] {n}/{total}", nl=n == total, err=True)
    return show


@items_cli.command("export")
@click.argument("codes", nargs=-1)
@click.option("--department", help="导出该部门(统一社会信用代码)的全部事项。")
@click.option("--all", "everything", is_flag=True, help="导出全部已发布事项。")
@click.option("--per-department", is_flag=True,
              help="每个部门一个交换包:<文件名>-<统一社会信用代码>.zip。")
@click.option("--part-size", type=int, default=None,
              help=f"分部分导出,每部分至多 N 个事项(1–{limits.MAX_ITEMS:,}):<文件名>-001.zip …;"
                   "达到字节上限的部分会提前结束。")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), help="交换包文件(.zip)。")
@click.option("--exporter", default=None, help="导出方名称,默认取 YIWANG_INSTANCE_NAME。")
@click.option("--time", "exported_at", default=None, help="导出时间(ISO 格式);固定它可得到逐字节相同的交换包。")
def export_command(codes, department, everything, per_department, part_size, output, exporter, exported_at):
    """导出事项定义为交换包(逐项写入,内存占用有上限)。Export items as bundles."""
    if not (codes or department or everything):
        click.echo("请指定实施编码、--department 或 --all", err=True)
        sys.exit(2)
    selection = Selection(tuple(codes), department)
    missing = sorted(set(codes) - selection.codes_found()) if codes else []
    if missing:
        click.echo("没有这些已发布的事项:" + "、".join(missing), err=True)
        sys.exit(1)
    groups = ([(code, Selection(tuple(codes), code)) for code in selection.department_codes()]
              if per_department else [(None, selection)])
    counts = [(code, sel, sel.count()) for code, sel in groups]
    if not sum(n for _, _, n in counts):
        click.echo("没有可导出的已发布事项", err=True)
        sys.exit(1)
    try:   # refused up front, before any file is written
        for _, _, n in counts:
            refuse_oversized(n, part_size)
    except ExportRefused as exc:
        click.echo(str(exc), err=True)
        sys.exit(2)
    click.echo(f"交换包上限:{limits.summary_zh()}", err=True)
    stamp = dict(exporter=exporter or current_app.config.get("YIWANG_INSTANCE_NAME", "yiwang"),
                 exported_at=exported_at or datetime.now(timezone.utc).isoformat(timespec="seconds"))
    base = Path(output)
    for code, sel, n in counts:
        stem = f"{base.stem}-{code}" if code else base.stem
        paths, handles = [], []

        def open_part(number, stem=stem, paths=paths, handles=handles):
            paths.append(base.with_name(f"{stem}-{number:03d}{base.suffix}" if part_size else f"{stem}{base.suffix}"))
            handles.append(paths[-1].open("wb"))
            return handles[-1]
        try:
            result = write_parts(sel.rows(), open_part, part_size=part_size, progress=_bar("导出"), total=n, **stamp)
        except ExportRefused as exc:
            for handle, path in zip(handles, paths):
                handle.close()
                path.unlink(missing_ok=True)
            click.echo(f"\n{exc}(已删除未写完的文件)", err=True)
            sys.exit(1)
        for handle in handles:
            handle.close()
        for part, path in zip(result.parts, paths):
            click.echo(f"已导出 {part.items} 个事项、{part.files} 个附件到 {path}({path.stat().st_size // 1024} KB)")


@items_cli.command("import")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--department", help="导入到该部门(统一社会信用代码);不指定则保留交换包中的实施编码和部门。")
@click.option("--mode", type=click.Choice(MODES), default="catalogue",
              help="catalogue:仅采用基本目录要素(默认);full:采用来源的全部内容,保留本地实施要素。")
@click.option("--choice", "choices", multiple=True, help="逐项选择:实施编码=draft|replace|skip。")
@click.option("--default", "default_choice", type=click.Choice(CHOICES), default=None,
              help="所有事项的选择(未逐项指定时)。")
@click.option("--dry-run", is_flag=True, help="只生成导入报告,不写入。")
def import_command(paths, department, mode, choices, default_choice, dry_run):
    """导入交换包:先全部校验并报告,再在一个事务中写入。可给出多个交换包或一个文件夹(分部分导出的
    items-001.zip …,按文件名顺序),逐个导入,每个一个事务;某一部分被拒绝时停止并指出是哪一部分。
    Import a bundle, several bundles, or a folder of parts."""
    g.audit_actor = "命令行 items import"
    try:
        parts = bundle_parts(paths)
    except PartsError as exc:
        click.echo(str(exc), err=True)
        sys.exit(2)
    target = None
    if department:
        target = db.session.scalar(select(Department).where(Department.code == department))
        if target is None:
            click.echo(f"没有统一社会信用代码为 {department} 的部门", err=True)
            sys.exit(2)
    chosen = {}
    for spec in choices:
        code, _, value = spec.partition("=")
        if value not in CHOICES:
            click.echo(f"--choice {spec}:应为 实施编码=draft|replace|skip", err=True)
            sys.exit(2)
        chosen[code] = value
    for n, path in enumerate(parts, 1):
        if len(parts) > 1:
            click.echo(f"== 第 {n} / {len(parts)} 部分:{path}")
        try:
            _import_one(path, target, mode, dict(chosen), default_choice, dry_run)
        except _Refused as exc:
            for line in exc.lines:
                click.echo(line, err=True)
            if len(parts) > 1:
                done = "试运行,未写入任何内容" if dry_run else (f"之前的 {n - 1} 个部分已导入" if n > 1 else "没有部分被导入")
                rest = " ".join(str(p) for p in parts[n - 1:])
                click.echo(f"在第 {n} / {len(parts)} 部分 {path} 停止:该部分未导入,{done},"
                           f"之后的 {len(parts) - n} 个部分未处理。修正后可从该部分继续:items import {rest}", err=True)
            sys.exit(exc.code)
    if len(parts) > 1:
        click.echo(f"试运行:{len(parts)} 个部分均已检查,未写入任何内容(各部分的报告不含之前部分的导入结果)。" if dry_run
                   else f"{len(parts)} 个部分已全部导入。")


class _Refused(Exception):
    def __init__(self, lines: list[str], code: int):
        super().__init__(lines[0])
        self.lines, self.code = lines, code


def _import_one(path: Path, target, mode, chosen, default_choice, dry_run) -> None:
    """Check, report and (unless a dry run) import one bundle in one transaction; raises _Refused."""
    started = time.monotonic()
    try:
        data = path.read_bytes()
        bundle = read_bundle(data)
    except OSError as exc:
        raise _Refused([f"{path}: 无法读取({exc})"], 2) from None
    except BundleError as exc:
        raise _Refused([f"{path}: {problem}" for problem in exc.problems], 2) from None
    for note in bundle.notes:
        click.echo(f"升级:{note}")
    entries, check = [], _bar("检查")
    for n, entry in enumerate(iter_plan(bundle, department=target, mode=mode), 1):
        entries.append(entry)
        check(n, len(bundle.definitions), entry.name)
    if default_choice:
        for entry in entries:
            if entry.source_code not in chosen and default_choice in entry.allowed_choices \
                    and not entry.needs_explicit_choice:
                chosen[entry.source_code] = default_choice
    for entry in entries:
        choice = chosen.get(entry.source_code, entry.default_choice)
        click.echo(f"[{STATUS_LABELS[entry.status]}] {entry.name}({entry.target_code}) → {choice}"
                   + (f" · {entry.note}" if entry.note else ""))
        heading = entry.base is not None and entry.item_id is not None
        for title, lines in (("采用省级变化" if heading else "", [c.text for c in entry.changes]),
                             ("保留本地(本地实施要素)", [c.text for c in entry.kept_local]),
                             ("双方都修改", [c.text for c in entry.conflicts])):
            if lines and title:
                click.echo(f"  {title}:")
            for line in lines[:50]:
                click.echo(f"    {line}")
        for problem in [p for p in entry.problems if p.severity == "error"][:20]:
            click.echo(f"    错误 {problem.path}: {problem.message}")
    if dry_run:
        click.echo(f"试运行:共 {len(entries)} 个事项,未写入任何内容。")
        click.echo("按当前选择导入将是:" + ImportSummary.of(entries, chosen, time.monotonic() - started).text())
        return
    try:
        counts = apply_plan(bundle, entries, chosen, progress=_bar("导入"))
        summary = ImportSummary.of(entries, chosen, time.monotonic() - started)
        audit.record(db.session, "import", "Bundle", hashlib.sha256(data).hexdigest()[:16],
                     f"导入交换包({bundle.manifest.get('exporter', '')}):{summary.text()}")
        db.session.commit()
    except ImportRefused as exc:
        db.session.rollback()
        raise _Refused([f"{path}: 未导入任何事项:{exc}"], 1) from None
    click.echo(f"导入完成:存为草稿 {counts['draft']} 个,发布 {counts['replace']} 个,跳过 {counts['skip']} 个。")
    click.echo("汇总:" + summary.text())
