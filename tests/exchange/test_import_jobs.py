"""Import jobs (builder/import_jobs.py): on RQ with a real Redis (skipped when none answers) — enqueued by
the page, processed by a worker, the progress read by any web worker; a killed worker's job is reported
failed in Chinese, never left "running" — and without Redis in a thread of the web process, its state in
files every web process of the instance reads."""
import fcntl
import io
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from sqlalchemy import func, select

from builder import import_jobs
from builder.job_files import FileJobs
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
    assert isinstance(import_jobs.jobs(app), FileJobs)
    got = events(client.post("/builder/exchange/import", headers=NDJSON, content_type="multipart/form-data",
                             data={"csrf_token": admin, "bundle": (io.BytesIO(bundle_of(*three_new_items())), "x.zip"),
                                   "mode": "catalogue"}))
    assert got[-1]["result"] == "report"


def _second_app(app):
    """Another web process of the same instance: its own application and jobs object, the same folders."""
    from app import create_app
    other = create_app({**{k: app.config[k] for k in ("SECRET_KEY", "SQLALCHEMY_DATABASE_URI", "YIWANG_STORAGE_DIR",
                                                      "YIWANG_JOBS_DIR")}, "TESTING": True})
    client = other.test_client()
    login(client, "admin_a", PASSWORD)
    return other, client


def test_without_redis_another_web_process_reads_the_job(app, client, admin):
    """Without Redis the job runs in a thread of the process that took the upload, but its progress and
    report are files of the instance folder: a second application (another gunicorn worker) reads them,
    and only for the user who started the job."""
    url = _start_check(client, admin)
    other, second = _second_app(app)
    assert import_jobs.jobs(other) is not import_jobs.jobs(app)
    got = events(second.get(url + "?after=0", headers=NDJSON))
    assert [e.get("done") for e in got[:-1]] == [0, 1, 2, 3] and "导入报告" in got[-1]["html"]
    report = second.get(url).get_data(as_text=True)                 # the plain page too
    assert "导入报告" in report and "新增 3 / 相同 0" in report
    applied = second.post("/builder/exchange/import/apply", data=apply_form(report))   # started by the second
    assert "新增 3 / 更新 0" in client.get(applied.headers["Location"]).get_data(as_text=True)   # read by the first
    stranger = other.test_client()
    login(stranger, "admin_b", PASSWORD)
    assert stranger.get(url).status_code == 404


def test_a_job_whose_process_died_is_reported_failed_by_any_process(app, client, admin, monkeypatch):
    """A process killed mid-job leaves its job's folder with an unfinished log and a heartbeat that no
    longer moves: once it is older than YIWANG_JOB_STALE_SECONDS every process reports the job failed, in
    Chinese, instead of waiting for ever."""
    monkeypatch.setitem(app.config, "YIWANG_JOB_STALE_SECONDS", 3)
    monkeypatch.setattr("builder.exchange_progress.PAGE_WAIT_S", 0.2)
    with app.app_context():
        owner = app.appbuilder.sm.find_user(username="admin_a").id
    job_id = uuid.uuid4().hex
    folder = Path(app.config["YIWANG_JOBS_DIR"]) / job_id       # what the killed process left
    folder.mkdir()
    (folder / "owner").write_text(str(owner))
    (folder / "events.jsonl").write_text('{"phase": "check", "done": 1, "total": 9}\n{"phase": "che')
    (folder / "beat").touch()
    url = f"/builder/exchange/jobs/{job_id}"
    assert client.get(url).status_code == 202                   # beating recently: still running
    old = time.time() - 4
    os.utime(folder / "beat", (old, old))
    got = events(client.get(url + "?after=0", headers=NDJSON))
    assert got[0] == {"phase": "check", "done": 1, "total": 9}  # the half-written line is never read
    assert "后台任务进程中断" in got[-1]["error"] and "没有写入任何内容" in got[-1]["error"]
    assert "后台任务进程中断" in client.get(url).get_data(as_text=True)


def test_a_job_no_longer_kept_is_explained_to_the_script(app, client, admin):
    """A job's folder is gone (swept after KEEP_S): its address answers, in Chinese, that the job is not
    known any more (the script shows it) instead of waiting for ever."""
    url = _start_check(client, admin)
    client.get(url)
    shutil.rmtree(Path(app.config["YIWANG_JOBS_DIR"]) / url.rsplit("/", 1)[1])
    response = client.get(url + "?after=0", headers=NDJSON)
    assert response.status_code == 404 and "找不到这项导入任务" in events(response)[0]["error"]


def test_one_import_at_a_time_on_the_instance(app, client, admin):
    """Each import may hold a large bundle in memory: a job waits while another process of the instance
    holds the import lock (here: this test), beating, then runs."""
    jobs = import_jobs.jobs(app)
    lock = open(Path(app.config["YIWANG_JOBS_DIR"]) / "import.lock", "ab")
    fcntl.flock(lock, fcntl.LOCK_EX)
    try:
        job_id = _start_check(client, admin).rsplit("/", 1)[1]
        time.sleep(1)
        with app.app_context():
            assert jobs.events(job_id, 0) == [] and jobs.info(job_id).failure is None
    finally:
        lock.close()
    deadline = time.monotonic() + 30
    with app.app_context():
        while not jobs.info(job_id).finished:
            assert time.monotonic() < deadline, "the job did not run once the lock was released"
            time.sleep(0.1)
    assert jobs.events(job_id, 0)[-1]["result"] == "report"


def test_finished_jobs_are_removed_after_keep_s(app, tmp_path):
    jobs = FileJobs(app, tmp_path)
    old, recent = tmp_path / uuid.uuid4().hex, tmp_path / uuid.uuid4().hex
    for folder in (old, recent):
        folder.mkdir()
        (folder / "beat").touch()
    (tmp_path / "import.lock").touch()
    then = time.time() - import_jobs.KEEP_S - 60
    for path in (old, old / "beat", tmp_path / "import.lock"):
        os.utime(path, (then, then))
    jobs.sweep()
    assert not old.exists() and recent.exists() and (tmp_path / "import.lock").exists()


def test_job_ids_are_checked_before_any_path_is_made(app, tmp_path):
    jobs = FileJobs(app, tmp_path / "jobs")
    (tmp_path / "owner").write_text("1")       # what ../ would reach
    for job_id in ("..", "../" + "0" * 29, "0" * 31 + "/", "A" * 32, "x" * 32, "0" * 33, "", None):
        assert jobs.folder(job_id) is None
        assert jobs.info(job_id) is None and jobs.events(job_id, 0) == [] and jobs.result(job_id) is None


def test_the_worker_command(app, monkeypatch):
    runner = app.test_cli_runner()
    monkeypatch.setitem(app.config, "YIWANG_REDIS_URL", "")
    monkeypatch.setitem(app.config, "YIWANG_RATE_LIMIT_STORAGE", "memory://")
    refused = runner.invoke(args=["jobs", "worker", "--burst"])
    assert refused.exit_code == 1 and "不需要单独的任务进程" in refused.output
    _redis()
    monkeypatch.setitem(app.config, "YIWANG_RATE_LIMIT_STORAGE", REDIS_URL)   # the rate limits' Redis is reused
    assert runner.invoke(args=["jobs", "worker", "--burst"]).exit_code == 0   # an empty queue: done at once
