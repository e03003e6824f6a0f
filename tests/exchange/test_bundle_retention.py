"""Uploaded bundles are kept for the apply step only as long as the retention period: then the apply
step refuses them and ``flask files sweep`` removes them."""
from __future__ import annotations

import io
import os
import time

import pytest

from runtime.bundle_retention import bundle_store
from tests.exchange.test_import_progress import NDJSON, admin_a, apply_form, bundle_of, check, events, three_new_items  # noqa: F401

HOUR = 3600


def age(path, hours):
    then = time.time() - hours * HOUR
    os.utime(path, (then, then))


@pytest.fixture
def own_store(app, tmp_path):
    before = app.config["YIWANG_STORAGE_DIR"]
    app.config["YIWANG_STORAGE_DIR"] = str(tmp_path / "files")
    yield
    app.config["YIWANG_STORAGE_DIR"] = before


def test_an_expired_bundle_is_refused_at_apply_and_swept(app, client, own_store, admin_a):  # noqa: F811
    report = events(check(client, admin_a, bundle_of(*three_new_items())))[-1]["html"]
    form = apply_form(report)
    with app.app_context():
        store = bundle_store()
        path = store.path_for(form["bundle"])
    age(path, 25)                                    # the default retention is 24 hours
    expired = client.post("/builder/exchange/import/apply", headers=NDJSON, data=form)
    assert expired.status_code == 400 and events(expired)[0]["error"] == "上传的交换包已失效,请重新上传。"

    runner = app.test_cli_runner()
    dry = runner.invoke(args=["files", "sweep", "--dry-run"])
    assert "将清理早于 24 小时的已上传交换包 1 个" in dry.output and path.exists()
    done = runner.invoke(args=["files", "sweep"])
    assert done.exit_code == 0 and "已清理早于 24 小时的已上传交换包 1 个" in done.output
    assert not path.exists()


def test_a_bundle_within_the_retention_period_is_kept_and_applies(app, client, own_store, admin_a):  # noqa: F811
    report = events(check(client, admin_a, bundle_of(*three_new_items())))[-1]["html"]
    form = apply_form(report)
    with app.app_context():
        path = bundle_store().path_for(form["bundle"])
    age(path, 23)
    done = app.test_cli_runner().invoke(args=["files", "sweep"])
    assert "已清理早于 24 小时的已上传交换包 0 个" in done.output and path.exists()
    applied = client.post("/builder/exchange/import/apply", headers=NDJSON, data=form)
    assert applied.status_code == 200 and events(applied)[-1]["result"] == "summary"


def test_the_retention_period_is_configurable(app, client, own_store, admin_a, monkeypatch):  # noqa: F811
    monkeypatch.setitem(app.config, "YIWANG_BUNDLE_RETENTION_HOURS", 2)
    form = apply_form(events(check(client, admin_a, bundle_of(*three_new_items())))[-1]["html"])
    with app.app_context():
        age(bundle_store().path_for(form["bundle"]), 3)
    assert client.post("/builder/exchange/import/apply", headers=NDJSON, data=form).status_code == 400
