"""Importing a bundle in the builder with Chromium: the progress bar follows the server's events up
to the total in both phases, then the summary; without JavaScript the plain form posts get there too."""
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from playwright.sync_api import expect
from sqlalchemy import func, select

from builder.exchange.bundle import write_bundle
from runtime.extensions import db
from runtime.models import Item
from tests.web.people import DEPT_A, PASSWORD, build_world, item_definition

N = 40
# Every text the progress box shows, as it is put in (records keep removed nodes, so nothing is missed).
RECORD = """() => {
  window.seen = [];
  new MutationObserver(records => records.forEach(r => r.addedNodes.forEach(node => {
    // r.target, not node.parentElement: a text replaced again before this callback ran has no parent any more
    if (node.nodeType === 3 && r.target.classList && r.target.classList.contains("progress-text"))
      window.seen.push(node.data);
  }))).observe(document.body, {childList: true, subtree: true});
}"""


@pytest.fixture
def bundle(app):
    with app.app_context():
        build_world()
    docs = [item_definition(DEPT_A, "秦源县甲局", f"0002000{n:05d}", f"批量事项{n}") for n in range(N)]
    return write_bundle([(d, 1) for d in docs], {}, exporter="秦源县", exported_at="2026-11-24T00:00:00+00:00")


def login(page, base):
    page.goto(f"{base}/login/")
    page.fill("#username", "admin_a")
    page.fill("#password", PASSWORD)
    page.click("input[type=submit], button[type=submit]")


def upload(page, base, data):
    page.goto(f"{base}/builder/exchange/")
    page.set_input_files("#i-bundle", files=[{"name": "items.zip", "mimeType": "application/zip", "buffer": data}])
    page.get_by_role("button", name="校验并生成导入报告").click()


@pytest.mark.parametrize("js", [True, False], ids=["js", "nojs"])
def test_import_shows_progress_to_the_total_then_the_summary(app, browser, live_server, bundle, js):
    context = browser.new_context(java_script_enabled=js, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    login(page, live_server)
    if js:
        page.goto(f"{live_server}/builder/exchange/")
        page.evaluate(RECORD)
        page.set_input_files("#i-bundle", files=[{"name": "items.zip", "mimeType": "application/zip",
                                                  "buffer": bundle}])
        page.get_by_role("button", name="校验并生成导入报告").click()
    else:
        upload(page, live_server, bundle)
    page.get_by_role("heading", name="导入报告").wait_for()
    assert f"新增 {N} / 相同 0" in page.inner_text("main")
    before_apply = page.evaluate("window.seen.splice(0)") if js else []
    page.get_by_role("button", name="导入", exact=True).click()
    page.get_by_role("heading", name="导入完成").wait_for()
    main = page.inner_text("main")
    assert f"新增 {N} / 更新 0 / 相同 0 / 跳过 0 / 错误 0" in main and f"存为草稿 {N} 个" in main and "用时" in main
    if js:
        seen = page.evaluate("window.seen")   # the apply step plans again, then writes
        checks, rechecks = before_apply, [t for t in seen if t.startswith("正在检查")]
        imports = [t for t in seen if t.startswith("正在导入")]
        # The observer sees the text when its callback runs, so quick updates may coalesce: the first one
        # seen is early in the run (not necessarily 0), the last is the total.
        assert int(checks[0].split("第 ")[1].split(" /")[0]) < N // 2 and checks[-1] == f"正在检查第 {N} / {N} 个事项"
        assert rechecks[-1] == f"正在检查第 {N} / {N} 个事项" and imports[-1] == f"正在导入第 {N} / {N} 个事项"
        assert seen.index(rechecks[-1]) < seen.index(imports[0])
        for texts in (checks, rechecks, imports):  # the bar only moves forward
            done = [int(t.split("第 ")[1].split(" /")[0]) for t in texts]
            assert done == sorted(done)
        print(f"progress texts seen: {len(checks)} while checking, {len(imports)} while importing")
        # updated in place, not reloaded; the address is now the job's, which shows the result if reloaded
        assert re.search(r"/builder/exchange/jobs/[0-9a-f]{32}$", page.url)
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Item)) == N + 2
    context.close()


def test_a_broken_bundle_is_refused_in_the_page(app, browser, live_server, bundle):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    login(page, live_server)
    upload(page, live_server, bundle[:400])
    alert = page.locator(".progress-error")
    alert.wait_for()
    assert "zip 文件损坏" in alert.inner_text() and "交换包不能导入" in alert.inner_text()
    context.close()


SHOTS = os.environ.get("YIWANG_SHOTS")
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def redis_jobs(app, monkeypatch):
    """Import jobs on RQ (a test database of Redis) with a real worker process that plans slowly."""
    from builder import import_jobs
    from tests.exchange.test_import_jobs import REDIS_URL, _redis
    connection = _redis()
    connection.flushdb()
    monkeypatch.setitem(app.extensions, "yiwang_import_jobs", import_jobs.RQJobs(REDIS_URL))
    monkeypatch.setattr("builder.exchange_progress.LONG_POLL_S", 1.0)   # streams end often: the page reconnects
    env = {**os.environ, "YIWANG_REDIS_URL": REDIS_URL, "DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
           "SECRET_KEY": app.config["SECRET_KEY"], "YIWANG_STORAGE_DIR": app.config["YIWANG_STORAGE_DIR"],
           "PYTHONPATH": str(ROOT), "SLOW_PLAN_SECONDS": "0.5"}
    worker = subprocess.Popen([sys.executable, str(ROOT / "tests/exchange/slow_worker.py")], env=env, cwd=ROOT,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    yield
    worker.kill()       # not a warm shutdown, which waits for a slow job: a worker left over would take
    worker.wait(10)     # the next tests' jobs
    connection.flushdb()


def test_a_background_import_is_followed_across_reconnects_and_a_reload(app, browser, live_server, bundle, redis_jobs):
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    login(page, live_server)
    upload(page, live_server, bundle)
    text = page.locator(".progress-text")
    # the worker has started, and at least 7 s of checking are left for the reload below (0.5 s an item)
    expect(text).to_contain_text(re.compile(r"正在检查第 ([5-9]|1[0-9]|2[0-5]) / 40 个事项"), timeout=30_000)
    expect(page).to_have_url(re.compile(r"/builder/exchange/jobs/[0-9a-f]{32}$"))
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/import-progress-1366.png", full_page=True)
    page.reload()                                    # leave and come back: the job's page follows it on
    expect(page.get_by_role("heading", name="导入正在进行")).to_be_visible()
    expect(text).to_contain_text(re.compile(r"正在检查第 \d+ / 40 个事项"))
    if SHOTS:
        page.set_viewport_size({"width": 390, "height": 844})
        page.screenshot(path=f"{SHOTS}/import-job-page-390.png", full_page=True)
        page.set_viewport_size({"width": 1366, "height": 900})
    expect(page.get_by_role("heading", name="导入报告")).to_be_visible(timeout=60_000)
    assert f"新增 {N} / 相同 0" in page.inner_text("main")
    page.get_by_role("button", name="导入", exact=True).click()
    # the apply step plans again (once the worker has forked for the job: slow on a busy machine)
    expect(text.last).to_contain_text(re.compile(r"正在检查第 \d+ / 40 个事项"), timeout=30_000)
    if SHOTS:
        page.set_viewport_size({"width": 390, "height": 844})
        page.locator(".import-progress").scroll_into_view_if_needed()
        page.screenshot(path=f"{SHOTS}/import-apply-390.png")
    expect(page.get_by_role("heading", name="导入完成")).to_be_visible(timeout=60_000)
    assert f"新增 {N} / 更新 0 / 相同 0 / 跳过 0 / 错误 0" in page.inner_text("main")
    context.close()
