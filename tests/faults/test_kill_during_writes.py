"""kill -9 of the server while a submit, an upload or an import is between its writes and its
commit: after a restart nothing is half-written and everything the user was told was saved is there."""
from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
import threading
import time
from types import SimpleNamespace
from urllib.parse import urlsplit

import pytest

from tests.faults.citizen import (application_row, assert_consistent, fill_in, pdf, saved, start, status_events,
                                  upload)
from tests.faults.http_session import Browser, csrf_token
from tests.faults.server import ROOT, server_env
from tests.html_forms import hidden_fields

pytestmark = [pytest.mark.faults, pytest.mark.db]


def in_background(fn, *args) -> threading.Thread:
    """Send a request that will never be answered (the server dies under it)."""
    def run():
        try:
            fn(*args)
        except OSError:
            pass  # the connection dies with the server
    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread


def kill_during(server, endpoint: str, fn, *args) -> None:
    server.pause(endpoint)
    thread = in_background(fn, *args)
    server.wait_paused()
    server.kill()
    thread.join(10)


def test_kill_during_submit(server, world, engine):
    browser = Browser(server.port)
    base = start(browser, world["item"])
    fill_in(browser, base)
    saved(upload(browser, base, "application_form", pdf("form-submit")))
    saved(upload(browser, base, "operator_id_proof", pdf("id-submit")))
    with engine.connect() as conn:
        before = application_row(conn, base)
    form = hidden_fields(browser.get(f"{base}/review").text, "/submit")

    kill_during(server, "portal.submit", browser.post, f"{base}/submit", form)

    with engine.connect() as conn:
        after = application_row(conn, base)
        assert after["status"] == "draft" and after["number"] is None and after["submitted_at"] is None
        assert after["answers"] == before["answers"] and after["materials"] == before["materials"]
        assert status_events(conn, after["id"]) == ["draft"]
        assert_consistent(conn, server.storage)

    server.start()  # the citizen submits again (the same page, nothing was written): one number
    response = browser.post(f"{base}/submit", form)
    assert response.status == 302
    done = browser.get(f"{base}/done")
    with engine.connect() as conn:
        row = application_row(conn, base)
        assert row["status"] == "submitted" and row["number"]
        assert f"申请编号:{row['number']}" in done.text
        assert status_events(conn, row["id"]) == ["draft", "submitted"]
        assert_consistent(conn, server.storage)


def sweep_files(database_url: str, folder, *args) -> str:
    """``flask files sweep`` on the fault database, as an operator runs it."""
    out = subprocess.run([sys.executable, "-m", "flask", "--app", "app", "files", "sweep", *args], cwd=ROOT,
                         env=server_env(database_url, folder), capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-3000:]
    return out.stdout


def test_kill_during_upload(server, world, engine, fault_database, fault_folder):
    browser = Browser(server.port)
    base = start(browser, world["item"])
    fill_in(browser, base)
    saved(upload(browser, base, "application_form", pdf("kept"), "kept.pdf"))  # told: saved
    lost = pdf("in flight")

    kill_during(server, "portal.page", upload, browser, base, "operator_id_proof", lost, "lost.pdf")

    lost_sha = hashlib.sha256(lost).hexdigest()
    orphan = server.storage / lost_sha[:2] / lost_sha[2:4] / lost_sha
    with engine.connect() as conn:
        row = application_row(conn, base)
        names = [f["name"] for entry in row["materials"].values() for f in entry.get("files", [])]
        assert names == ["kept.pdf"], names
        assert conn.exec_driver_sql("SELECT count(*) FROM stored_file WHERE sha256 = '%s'" % lost_sha).scalar() == 0
        assert_consistent(conn, server.storage)
    # The killed upload's file was written before its row (never committed): complete, but unused.
    # The sweep leaves it while it is within the grace period (an upload in flight looks the same) …
    assert orphan.is_file()
    assert "无引用的文件 0 个" in sweep_files(fault_database, fault_folder)
    assert orphan.is_file()
    # … and removes it, and only it, once it is older.
    then = time.time() - 25 * 3600
    os.utime(orphan, (then, then))
    assert "无引用的文件 1 个" in sweep_files(fault_database, fault_folder)
    assert not orphan.exists()
    with engine.connect() as conn:
        assert_consistent(conn, server.storage)   # every row still has its file

    server.start()
    page = browser.get(f"{base}/materials").text
    assert "kept.pdf" in page and "lost.pdf" not in page
    saved(upload(browser, base, "operator_id_proof", lost, "again.pdf"))  # the same bytes again: fine
    with engine.connect() as conn:
        assert_consistent(conn, server.storage)


def skeleton_bundle(n: int) -> bytes:
    import json
    from pathlib import Path

    from bench.bench_exchange import CLASS_TYPES
    from builder.drafts import new_definition
    from builder.exchange.bundle import write_bundle

    root = Path(__file__).resolve().parents[2]
    entries = json.loads((root / "item_defs/catalogue/basic-catalogue.json").read_text("utf-8"))["items"][:n]
    dept = SimpleNamespace(code="11610424MB00000702", name="秦源县数据局", abbreviation="秦数")
    docs = [new_definition(dept, name=e["name"], basic_code=f"{910000000000 + i:012d}", task_type=CLASS_TYPES[e["class"]])
            for i, e in enumerate(entries, 1)]
    return write_bundle([(d, 1) for d in docs], {}, exporter="秦源县", exported_at="2026-11-24T00:00:00+00:00")


def job_page(browser, started):
    """An import job's page once the job is done (the post answers with its address; the page shows the
    progress, status 202, while it runs)."""
    assert started.status == 303, started.text[:500]
    deadline = time.monotonic() + 120
    while True:
        page = browser.get(urlsplit(started.location).path)
        if page.status != 202 or time.monotonic() > deadline:
            return page


def counts(conn) -> dict:
    return {table: conn.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar()
            for table in ("item", "item_draft", "item_version", "audit_event")}


def test_kill_during_import_is_all_or_nothing(server, world, engine):
    """Two web workers and no Redis: the job is a thread of one worker, its page is read by either
    (the jobs' state is files of the instance folder)."""
    from tests.web.people import PASSWORD
    admin = Browser(server.port)
    admin.login("sys", PASSWORD)
    page = admin.get("/builder/exchange/").text
    report = job_page(admin, admin.post("/builder/exchange/import", {
        "csrf_token": csrf_token(page), "department": str(world["dept_a"]), "mode": "catalogue"},
        {"bundle": ("items.zip", skeleton_bundle(60))}))
    assert report.status == 200 and "导入报告" in report.text, report.text[:500]
    form = dict(re.findall(r'<input type="hidden" name="(bundle|department|mode)" value="([^"]*)"', report.text))
    form["csrf_token"] = csrf_token(report.text)
    choices = set(re.findall(r'name="(choice-[0-9A-Z]+)"', report.text))
    assert len(choices) == 60
    form.update({name: "draft" for name in choices})  # skeletons are incomplete: the admin keeps them as drafts
    with engine.connect() as conn:
        before = counts(conn)

    # The import runs as a job (a thread of a web process without Redis): killed at the job's commit.
    started = []
    kill_during(server, "job:apply", lambda: started.append(admin.post("/builder/exchange/import/apply", form)))

    with engine.connect() as conn:
        assert counts(conn) == before  # nothing of the 60 items, their drafts or audit entries
        assert_consistent(conn, server.storage)

    server.start()  # the signed session survives the restart; the uploaded bundle is still there
    # The killed job's heartbeat stopped: after YIWANG_JOB_STALE_SECONDS its page says it failed.
    assert started, "the apply was not answered with its job's address before the kill"
    killed = job_page(admin, started[0])
    assert "后台任务进程中断" in killed.text and "没有写入任何内容" in killed.text, killed.text[:500]
    applied = job_page(admin, admin.post("/builder/exchange/import/apply", form))
    assert applied.status == 200 and "导入完成" in applied.text and "存为草稿 60 个" in applied.text, applied.text[:500]
    with engine.connect() as conn:
        after = counts(conn)
        assert after["item"] == before["item"] + 60
        assert after["item_draft"] == before["item_draft"] + 60
        assert_consistent(conn, server.storage)
