"""``flask files sweep [--older-than HOURS] [--dry-run]``: remove stored files nothing uses; ``flask files
rebuild-refs``: recompute which files the definitions use, after a Core write or a restore
(see runtime/file_sweep.py for what counts as used)."""
from __future__ import annotations

from datetime import timedelta

import click
from flask import current_app, g
from flask.cli import AppGroup
from flask_babel import gettext as _

from runtime.bundle_retention import bundle_store, sweep_bundles
from runtime.file_sweep import sweep
from runtime.portal.draft_expiry import expire_drafts, expiry_days
from runtime.stored_files import file_store

files_cli = AppGroup("files", help="文件存储:清理无引用的上传文件。The uploaded-file store.")


def _size(n: int) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024


@files_cli.command("sweep")
@click.option("--older-than", "hours", type=click.IntRange(min=1), default=24, show_default=True,
              help="只清理早于这么多小时的文件(宽限期,正在上传的文件不会被清理)。Grace period in hours.")
@click.option("--dry-run", is_flag=True, help="只列出将被清理的内容,不删除。List only.")
def sweep_command(hours: int, dry_run: bool):
    """清理无引用的文件:中断的上传留下的文件、没有申请或事项定义引用的文件记录。"""
    g.audit_actor = "命令行 files sweep"
    drafts = expire_drafts(dry_run=dry_run)   # first: their files are then unused and go below
    if dry_run:
        click.echo(_("%(n)d applications never submitted and untouched for %(days)d days would be deleted.",
                     n=drafts, days=expiry_days()))
    else:
        click.echo(_("Deleted %(n)d applications never submitted and untouched for %(days)d days.",
                     n=drafts, days=expiry_days()))
    report = sweep(file_store(), timedelta(hours=hours), dry_run=dry_run)
    bundles = sweep_bundles(bundle_store(), dry_run=dry_run)
    if report.restored:
        click.echo(_("Put back %(n)d files that an interrupted sweep had moved aside.", n=report.restored))
    if dry_run:
        for sha, size in report.rows:
            click.echo(_("File record %(sha256)s (%(size)s)", sha256=sha, size=_size(size)))
        for path, size in report.files + report.leftovers + bundles:
            click.echo(_("File %(path)s (%(size)s)", path=path, size=_size(size)))
    counts = {"rows": len(report.rows), "files": len(report.files), "leftovers": len(report.leftovers),
              "size": _size(report.bytes_freed), "hours": hours}
    if dry_run:
        click.echo(_("Dry run: %(rows)d unreferenced file records, %(files)d unreferenced files and "
                     "%(leftovers)d temporary files of interrupted uploads (%(size)s), all older than "
                     "%(hours)d hours, would be removed. Nothing was removed.", **counts))
    else:
        click.echo(_("Removed %(rows)d unreferenced file records, %(files)d unreferenced files and "
                     "%(leftovers)d temporary files of interrupted uploads (%(size)s freed); only what "
                     "was older than %(hours)d hours.", **counts))
    retention = current_app.config["YIWANG_BUNDLE_RETENTION_HOURS"]
    size = _size(sum(size for _, size in bundles))
    if dry_run:
        click.echo(_("%(n)d uploaded exchange bundles older than %(hours)d hours (%(size)s) would be removed.",
                     n=len(bundles), hours=retention, size=size))
    else:
        click.echo(_("Removed %(n)d uploaded exchange bundles older than %(hours)d hours (%(size)s freed).",
                     n=len(bundles), hours=retention, size=size))


@files_cli.command("copy-to-postgresql")
def copy_to_postgresql_command():
    """把本机文件夹中的文件复制到 PostgreSQL 文件存储(切换 YIWANG_FILE_STORE=postgresql 之前运行)。"""
    from runtime import file_store_setting
    from runtime.db_file_store import DatabaseFileStore
    from runtime.extensions import db
    from runtime.storage import FileStore
    try:
        file_store_setting.check({**current_app.config, "YIWANG_FILE_STORE": "postgresql"})
    except ValueError as exc:
        raise click.ClickException(str(exc)) from None
    root = current_app.config["YIWANG_STORAGE_DIR"]
    counts = {}
    for name, local in (("files", FileStore(root)), ("bundles", FileStore(f"{root}/bundles"))):
        target, copied, size = DatabaseFileStore(db.engine, name), 0, 0
        for _sha, path, nbytes, _modified in local.stored():
            target.put(path.read_bytes())   # one file in memory at a time; a file stored already is only renewed
            copied, size = copied + 1, size + nbytes
        counts[name] = (copied, size)
    click.echo(_("Copied %(files)d stored files (%(size)s) and %(bundles)d uploaded bundles into PostgreSQL. "
                 "The folder %(folder)s is unchanged; remove it once every server runs with YIWANG_FILE_STORE=postgresql.",
                 files=counts["files"][0], size=_size(counts["files"][1]), bundles=counts["bundles"][0], folder=root))


@files_cli.command("rebuild-refs")
def rebuild_refs_command():
    """重建事项定义引用的文件索引(批量导入或恢复数据库之后运行;files sweep 据此判断文件是否仍被使用)。"""
    from runtime import definition_refs
    from runtime.extensions import db
    with db.engine.begin() as connection:
        written = definition_refs.rebuild(connection)
    click.echo(_("Rebuilt the index of files the item definitions use: %(n)d references.", n=written))
