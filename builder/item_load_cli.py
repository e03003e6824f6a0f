"""``flask items load PATH...``: publish definition files into the database (idempotent)."""
from __future__ import annotations

import sys

import click
from flask import g

from runtime.engine.definition import DefinitionReadError, definition_files, read_definition_file
from runtime.extensions import db

from .item_cli import items_cli
from .item_store import PublishRefused, publish


@items_cli.command("load")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--note", help="版本说明。")
def load_command(paths, note):
    """把事项定义文件发布为新版本(内容未变则跳过)。Load definition files as published versions."""
    g.audit_actor = "命令行 items load"
    unreadable, invalid = load_paths(paths, note=note)
    sys.exit(2 if unreadable else 1 if invalid else 0)


def load_paths(paths, *, note=None, echo=click.echo) -> tuple[int, int]:
    """Publish every definition file under ``paths``; returns (unreadable, invalid) counts."""
    unreadable = invalid = 0
    for path in definition_files(paths):
        try:
            doc = read_definition_file(path)
        except DefinitionReadError as exc:
            click.echo(str(exc), err=True)
            unreadable += 1
            continue
        try:
            result = publish(doc, note=note)
            db.session.commit()
        except PublishRefused as exc:
            db.session.rollback()
            invalid += 1
            click.echo(f"{path}: {exc}", err=True)
            for p in exc.problems:
                if p.severity == "error":
                    click.echo(f"{path}: {p.path}: {p.message}", err=True)
            continue
        state = f"已发布第 {result.version.number} 版" if result.created else f"未变化(第 {result.version.number} 版)"
        echo(f"{path}: {result.item.name} {state}")
    return unreadable, invalid
