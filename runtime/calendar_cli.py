"""``flask yiwang calendar show|load``: the working-day calendar's years and next year's schedule."""
from __future__ import annotations

import sys
from pathlib import Path

import click
from flask import g

from runtime import strict_json
from runtime.extensions import db
from runtime.setup_cli import yiwang_cli
from runtime.work_calendar import ScheduleInvalid, calendar, save_schedule


@yiwang_cli.group("calendar")
def calendar_cli():
    """节假日安排(工作日计算)。Holiday schedules for working-day deadlines."""


@calendar_cli.command("show")
def show_command():
    """显示工作日历覆盖的年份。"""
    cal = calendar()
    click.echo(f"工作日历覆盖 {cal.first_year}–{cal.last_year} 年。")


@calendar_cli.command("load")
@click.argument("path", type=click.Path(dir_okay=False))
def load_command(path):
    """录入一年的节假日安排(JSON:year、holidays、workdays、source)。"""
    g.audit_actor = "命令行 yiwang calendar load"
    try:
        data = strict_json.loads(Path(path).read_text("utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:   # strict: no NaN/Infinity, bounded nesting
        click.echo(f"{path}: 无法读取({exc})", err=True)
        sys.exit(2)
    try:
        row = save_schedule(data)
    except ScheduleInvalid as exc:
        db.session.rollback()
        for problem in exc.problems:
            click.echo(f"{path}: {problem}", err=True)
        sys.exit(1)
    db.session.commit()
    click.echo(f"已录入 {row.year} 年节假日安排:放假 {len(row.holidays)} 天,调休上班 {len(row.workdays)} 天。")
