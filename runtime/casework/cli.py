"""``flask cases rebuild``: recompute the stored queue columns and the statistics rollups."""
from __future__ import annotations

import click
from flask.cli import AppGroup

from runtime.extensions import db

cases_cli = AppGroup("cases", help="办件维护命令。Case maintenance.")


@cases_cli.command("rebuild")
def rebuild_command():
    """重算办件的期限列和统计汇总。Recompute deadline columns and statistics rollups from the cases."""
    from runtime import work_calendar
    from runtime.casework import backfill
    with db.engine.begin() as connection:
        done = backfill.run(connection, work_calendar.build(connection))
    click.echo(f"已读取状态记录 {done['events']} 条,更新期限 {done['deadlines']} 件,统计汇总 {done['rollup_rows']} 行。")
