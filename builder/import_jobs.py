"""Import check and apply as background jobs, so a bundle of thousands of items never runs inside a web
request (a 7,400-item bundle took 228 s and 680 MB in one).

Two backends, one interface (``start``, ``events``, ``result``, ``info``):

- **RQ on Redis** when ``YIWANG_REDIS_URL`` is set, or else when the rate limits already use Redis
  (``YIWANG_RATE_LIMIT_STORAGE=redis://…``). The job runs in ``flask jobs worker`` (an RQ worker), so a
  web worker restarting mid-import loses nothing: the page reconnects and reads on from the event log.
  A work horse that dies is failed by RQ; a worker killed outright stops beating its heartbeat, and a
  job silent for ``YIWANG_JOB_STALE_SECONDS`` is reported failed. An import is one transaction, so a
  killed job wrote nothing, and says so.
- **A thread** of the web process otherwise (the embedded SQLite default, ``make run``), its state in
  files of the instance folder that every web process of the instance reads (builder/job_files.py), so
  gunicorn may run several workers; one import at a time on the instance (a lock file). A restart of
  the process running a job ends it: its heartbeat stops and it is reported failed, as on RQ.

Each job keeps an append-only log of plain JSON events (``{"phase", "done", "total", "code", "name"}``,
then one final ``{"result": …}`` or ``{"error": …, "problems": […]}``) and, for a result, the page
context to render (kept whole: the report's plan entries are not JSON). Only the user who started a
job can read it (``info().owner``); job ids are checked against ``JOB_ID`` before anything is looked up.
"""
from __future__ import annotations

import json
import re
import threading
import time
import uuid
from dataclasses import dataclass

from flask import Flask, current_app, g
from flask_babel import gettext as _

QUEUE = "yiwang-imports"
KEEP_S = 24 * 3600          # a finished job's log and result stay this long (the page can be reloaded)
JOB_TIMEOUT_S = 2 * 3600    # RQ stops a job running longer than this
BEAT_S = 2.0                # the heartbeat is refreshed at least this often while events flow
DEFAULT_STALE_S = 60        # no heartbeat for this long: the worker died
JOB_ID = re.compile(r"[0-9a-f]{32}")   # uuid4().hex: checked before a job id names a key or a folder


@dataclass(frozen=True)
class JobInfo:
    owner: int
    finished: bool
    failure: dict | None        # the final error event of a job that died without writing one


def redis_url(config) -> str | None:
    """The Redis the deployment already has: YIWANG_REDIS_URL, else the rate limits' storage if Redis."""
    url = config.get("YIWANG_REDIS_URL") or ""
    limits = config.get("YIWANG_RATE_LIMIT_STORAGE") or ""
    if not url and limits.startswith(("redis://", "rediss://")):
        url = limits
    return url or None


def jobs(app: Flask | None = None):
    app = app or current_app._get_current_object()
    ext = app.extensions
    if "yiwang_import_jobs" not in ext:
        url = redis_url(app.config)
        if url:
            ext["yiwang_import_jobs"] = RQJobs(url)
        else:
            from .job_files import FileJobs
            ext["yiwang_import_jobs"] = FileJobs(app, app.config["YIWANG_JOBS_DIR"])
    return ext["yiwang_import_jobs"]


def stale_seconds() -> float:
    return float(current_app.config.get("YIWANG_JOB_STALE_SECONDS", DEFAULT_STALE_S))


def died_message() -> dict:
    return {"error": _("The import stopped because its worker process ended (a restart or a crash). "
                       "An import is all or nothing: nothing was written. Please import the bundle again.")}


def run_steps(sink, step: str, params: dict) -> None:
    """Run ``step`` ("check" or "apply") and write its events to ``sink``; the final result's page
    context goes to ``sink.result``. Called in the worker, inside an application context."""
    from .import_steps import STEPS
    g.audit_actor, g.audit_user_id = params.get("username") or None, params.get("user_id")
    g.job_step = step   # what this application context is doing (logs; the fault tests' commit hook)
    for event in STEPS[step](params):
        render = event.pop("render", None)
        if render is not None:
            sink.result(render)
        sink.event(event)


# --- RQ on Redis ---------------------------------------------------------------------------------

def _key(job_id: str, part: str) -> str:
    return f"yiwang:import:{job_id}:{part}"


class _RedisSink:
    def __init__(self, redis, job_id: str):
        self.redis, self.job_id, self.beat_at = redis, job_id, 0.0

    def event(self, event: dict) -> None:
        pipe = self.redis.pipeline()
        pipe.rpush(_key(self.job_id, "events"), json.dumps(event, ensure_ascii=False))
        pipe.expire(_key(self.job_id, "events"), KEEP_S)
        if time.monotonic() - self.beat_at > BEAT_S or "phase" not in event:
            self.beat_at = time.monotonic()
            pipe.set(_key(self.job_id, "beat"), time.time(), ex=KEEP_S)
        pipe.execute()

    def result(self, render: dict) -> None:
        import pickle
        self.redis.set(_key(self.job_id, "result"), pickle.dumps(render), ex=KEEP_S)


def rq_job(step: str, params: dict) -> None:
    """The function RQ runs (in ``flask jobs worker``, whose application context the work horse inherits)."""
    from rq import get_current_job

    from runtime.extensions import db
    job = get_current_job()
    db.engine.dispose(close=False)   # a forked work horse must not share the parent's connections
    stop = threading.Event()
    threading.Thread(target=_beat, args=(job.connection, job.id, stop), daemon=True).start()
    try:
        with current_app.app_context():
            run_steps(_RedisSink(job.connection, job.id), step, params)
    finally:
        stop.set()


def _beat(redis, job_id: str, stop: threading.Event) -> None:
    """Alive while the job runs, even through a long silent stretch (storing files, the commit)."""
    while not stop.wait(BEAT_S):
        redis.set(_key(job_id, "beat"), time.time(), ex=KEEP_S)


class RQJobs:
    def __init__(self, url: str):
        from redis import Redis
        from rq import Queue
        self.redis = Redis.from_url(url)
        self.queue = Queue(QUEUE, connection=self.redis)

    def start(self, step: str, params: dict) -> str:
        job_id = uuid.uuid4().hex
        pipe = self.redis.pipeline()
        pipe.set(_key(job_id, "owner"), params["user_id"], ex=KEEP_S)
        pipe.set(_key(job_id, "beat"), time.time(), ex=KEEP_S)
        pipe.execute()
        self.queue.enqueue(rq_job, step, params, job_id=job_id, job_timeout=JOB_TIMEOUT_S,
                           result_ttl=KEEP_S, failure_ttl=KEEP_S)
        return job_id

    def events(self, job_id: str, after: int) -> list[dict]:
        return [json.loads(e) for e in self.redis.lrange(_key(job_id, "events"), after, -1)]

    def result(self, job_id: str) -> dict | None:
        import pickle
        data = self.redis.get(_key(job_id, "result"))
        return pickle.loads(data) if data else None   # written by our own worker, never by a client

    def info(self, job_id: str) -> JobInfo | None:
        from rq.exceptions import NoSuchJobError
        from rq.job import Job, JobStatus
        owner = self.redis.get(_key(job_id, "owner"))
        if owner is None:
            return None
        last = self.redis.lindex(_key(job_id, "events"), -1)
        finished = last is not None and "phase" not in json.loads(last)
        failure = None
        if not finished:
            try:
                status = Job.fetch(job_id, connection=self.redis).get_status()
            except NoSuchJobError:
                status = None
            beat = float(self.redis.get(_key(job_id, "beat")) or 0)
            if status in (JobStatus.FAILED, JobStatus.STOPPED, JobStatus.CANCELED, None) or (
                    status == JobStatus.STARTED and time.time() - beat > stale_seconds()):
                failure = died_message()
        return JobInfo(int(owner), finished, failure)
