"""Import jobs (builder/import_jobs.py): on RQ with a real Redis (skipped when none answers) — enqueued by
the page, processed by a worker, the progress read by any web worker; a killed worker's job is reported
failed in Chinese, never left "running" — and in a thread of the web process without Redis."""
import io
import json
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from sqlalchemy import func, select

from builder import import_jobs
from runtime.extensions import db
from runtime.models import Item
from tests.conftest import csrf_token, login
from tests.exchange.test_import_progress import NDJSON, apply_form, bundle_of, events, three_new_items
from tests.web.people import PASSWORD, build_world

REDIS_URL = os.environ.get("YIWANG_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
ROOT = Path(__file__).resolve().parents[2]


def _redis():
    redis = pytest.importorskip("redis")
    connection = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1)
    try:
        connection.ping()
    except redis.exceptions.ConnectionError:
        pytest.skip(f"no Redis answers at {REDIS_URL} (set YIWANG_TEST_REDIS_URL)")
    return connection


@pytest.fixture
def on_redis(app, monkeypatch):
    """The app's import jobs on RQ with a test database of Redis, emptied before and after."""
    connection = _redis()
    connection.flushdb()
    monkeypatch.setitem(app.config, "YIWANG_REDIS_URL", REDIS_URL)
    monkeypatch.setitem(app.extensions, "yiwang_import_jobs", import_jobs.RQJobs(REDIS_URL))
    yield connection
    connection.flushdb()


@pytest.fixture
def admin(app, client):
    with app.app_context():
        build_world()
    login(client, "admin_a", PASSWORD)
    return csrf_token(client.get("/builder/exchange/").get_data(as_text=True))


def _start_check(client, token) -> str:
    response = client.post("/builder/exchange/import", content_type="multipart/form-data",
                           data={"csrf_token": token, "bundle": (io.BytesIO(bundle_of(*three_new_items())), "x.zip"),
                                 "mode": "catalogue"})
    assert response.status_code == 303
    return response.headers["Location"]


def _work(app):
    """What ``flask jobs worker --burst`` does, in this process (SimpleWorker: no fork under pytest)."""
    from rq import Queue, SimpleWorker
    jobs = import_jobs.jobs(app)
    with app.app_context():
        SimpleWorker([Queue(import_jobs.QUEUE, connection=jobs.redis)], connection=jobs.redis).work(burst=True)


def test_a_job_waits_in_the_queue_then_a_worker_runs_it(app, client, admin, on_redis, monkeypatch):
    monkeypatch.setattr("builder.exchange_progress.PAGE_WAIT_S", 0.2)
    url = _start_check(client, admin)
    waiting = client.get(url)                 # no worker yet: the page says so and reloads itself
    html = waiting.get_data(as_text=True)
    assert waiting.status_code == 202 and "导入正在进行" in html and "等待后台任务进程" in html
    assert '<meta http-equiv="refresh"' in html and f'data-job="{url}"' in html
    _work(app)
    got = events(client.get(url + "?after=0", headers=NDJSON))
    assert [e.get("done") for e in got[:-1]] == [0, 1, 2, 3] and got[-1]["result"] == "report"
    assert "导入报告" in got[-1]["html"]
    assert [e.get("done") for e in events(client.get(url + "?after=3", headers=NDJSON))[:-1]] == [3]  # reads on
    report = client.get(url).get_data(as_text=True)          # the plain page: the report
    applied = client.post("/builder/exchange/import/apply", data=apply_form(report))
    _work(app)
    assert "新增 3 / 更新 0" in client.get(applied.headers["Location"]).get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Item)) == 5
        from runtime.models import AuditEvent
        audit = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "import")).all()
        assert audit and audit[-1].username == "admin_a"      # the job acts as the user who started it


def test_another_web_worker_reads_the_progress(app, client, admin, on_redis):
    """The progress lives in Redis, not in the web process that took the upload: a restarted (here: a
    second) application reads the same job."""
    from app import create_app
    url = _start_check(client, admin)
    _work(app)
    other = create_app({**{k: app.config[k] for k in ("SECRET_KEY", "SQLALCHEMY_DATABASE_URI", "YIWANG_STORAGE_DIR")},
                        "TESTING": True, "YIWANG_REDIS_URL": REDIS_URL})
    second = other.test_client()
    login(second, "admin_a", PASSWORD)
    assert "导入报告" in events(second.get(url, headers=NDJSON))[-1]["html"]


def test_a_killed_worker_fails_the_job_in_chinese(app, client, admin, on_redis, monkeypatch, tmp_path):
    """A real `flask jobs worker` is killed (SIGKILL) in the middle of a job: the job is reported failed
    (nothing written, import again) once its heartbeat stops, never left running."""
    monkeypatch.setitem(app.config, "YIWANG_JOB_STALE_SECONDS", 3)
    monkeypatch.setattr("builder.exchange_progress.PAGE_WAIT_S", 0.2)
    url = _start_check(client, admin)
    env = {**os.environ, "YIWANG_REDIS_URL": REDIS_URL, "DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
           "SECRET_KEY": app.config["SECRET_KEY"], "YIWANG_STORAGE_DIR": app.config["YIWANG_STORAGE_DIR"],
           "PYTHONPATH": str(ROOT)}
    worker = subprocess.Popen([sys.executable, str(ROOT / "tests/exchange/slow_worker.py")], env=env, cwd=ROOT,
                              start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while not [e for e in import_jobs.jobs(app).events(url.rsplit("/", 1)[1], 0) if e.get("done")]:
            assert time.monotonic() < deadline, "the worker did not start the job"
            time.sleep(0.2)
        # The worker and its work horse (RQ puts the horse in a session of its own), as a crash or the
        # out-of-memory killer would.
        for pid in _descendants(worker.pid):
            os.kill(pid, signal.SIGKILL)
        os.killpg(worker.pid, signal.SIGKILL)
    finally:
        if worker.poll() is None:   # the test failed before killing it: never leave a worker taking jobs
            os.killpg(worker.pid, signal.SIGKILL)
        worker.wait(10)
    time.sleep(3.5)
    got = events(client.get(url + "?after=0", headers=NDJSON))
    assert "后台任务进程中断" in got[-1].get("error", "") and "没有写入任何内容" in got[-1]["error"], got
    page = client.get(url).get_data(as_text=True)
    assert "后台任务进程中断" in page


def _descendants(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        parent = todo.pop()
        for task in Path(f"/proc/{parent}/task").glob("*"):
            children = [int(c) for c in (task / "children").read_text().split()] if (task / "children").exists() else []
            found += children
            todo += children
    return found


def test_without_redis_a_thread_runs_the_job(app, client, admin):
    assert isinstance(import_jobs.jobs(app), import_jobs.ThreadJobs)
    got = events(client.post("/builder/exchange/import", headers=NDJSON, content_type="multipart/form-data",
                             data={"csrf_token": admin, "bundle": (io.BytesIO(bundle_of(*three_new_items())), "x.zip"),
                                   "mode": "catalogue"}))
    assert got[-1]["result"] == "report"


def test_job_addresses_are_checked(app, client, admin):
    for job_id in ("x" * 32, uuid.uuid4().hex, "../../etc", "0" * 5000):
        assert client.get(f"/builder/exchange/jobs/{job_id}").status_code == 404
    url = _start_check(client, admin)
    assert json.loads(client.get(url + "?after=-1", headers=NDJSON).get_data(as_text=True).splitlines()[-1])


def test_a_job_the_web_process_lost_is_explained_to_the_script(app, client, admin):
    """Without Redis a job lives in the web process: after a restart its address answers, in Chinese, that
    the job is not known any more (the script shows it) instead of waiting for ever."""
    url = _start_check(client, admin)
    import_jobs.jobs(app).jobs.clear()          # what a restart of the web process does to them
    response = client.get(url + "?after=0", headers=NDJSON)
    assert response.status_code == 404 and "找不到这项导入任务" in events(response)[0]["error"]


def test_the_worker_command(app, monkeypatch):
    runner = app.test_cli_runner()
    monkeypatch.setitem(app.config, "YIWANG_REDIS_URL", "")
    monkeypatch.setitem(app.config, "YIWANG_RATE_LIMIT_STORAGE", "memory://")
    refused = runner.invoke(args=["jobs", "worker", "--burst"])
    assert refused.exit_code == 1 and "不需要单独的任务进程" in refused.output
    _redis()
    monkeypatch.setitem(app.config, "YIWANG_RATE_LIMIT_STORAGE", REDIS_URL)   # the rate limits' Redis is reused
    assert runner.invoke(args=["jobs", "worker", "--burst"]).exit_code == 0   # an empty queue: done at once
