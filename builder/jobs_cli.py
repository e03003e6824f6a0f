"""``flask jobs worker [--burst]``: the RQ worker that runs import jobs (builder/import_jobs.py) when
Redis is configured. Run one or more beside the web workers (a systemd unit, a container); each job
runs in a forked work horse that inherits this command's application context."""
from __future__ import annotations

import click
from flask import current_app
from flask.cli import AppGroup

from .import_jobs import QUEUE, redis_url

jobs_cli = AppGroup("jobs", help="后台任务(导入交换包的检查与导入)。Background jobs.")


@jobs_cli.command("worker")
@click.option("--burst", is_flag=True, help="处理完队列中的任务后退出。Exit once the queue is empty.")
def worker(burst: bool) -> None:
    """运行后台任务进程。Run the job worker."""
    url = redis_url(current_app.config)
    if not url:
        raise click.ClickException("未配置 YIWANG_REDIS_URL(或使用 Redis 的 YIWANG_RATE_LIMIT_STORAGE):"
                                   "导入任务在网站进程内运行,不需要单独的任务进程。")
    from redis import Redis
    from rq import Queue, Worker
    connection = Redis.from_url(url)
    Worker([Queue(QUEUE, connection=connection)], connection=connection).work(burst=burst, with_scheduler=False)
