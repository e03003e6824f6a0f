"""The builder's import with streamed progress (newline-delimited JSON events) through the Flask
test client: events in order, the final report and summary, CSRF, department scoping, the audit
log, and a failure mid-way that leaves the database exactly as it was."""
import io
import json
import re

import pytest
from sqlalchemy import func, select

from builder.exchange.bundle import write_bundle
from builder.item_store import PublishRefused
from runtime.extensions import db
from runtime.models import AuditEvent, Department, Item, ItemDraft, ItemVersion
from tests.conftest import csrf_token, login
from tests.web.people import DEPT_A, DEPT_B, PASSWORD, build_world, item_definition

NDJSON = {"Accept": "application/x-ndjson"}


def bundle_of(*docs) -> bytes:
    return write_bundle([(d, 1) for d in docs], {}, exporter="秦源县", exported_at="2026-11-24T00:00:00+00:00")


def three_new_items():
    return [item_definition(DEPT_A, "秦源县甲局", f"00010000002{n}", f"甲局新事项{n}") for n in range(3)]


def events(response) -> list[dict]:
    """The job's events (after the first line, which names the job's address for reconnecting)."""
    assert response.mimetype == "application/x-ndjson"
    got = [json.loads(line) for line in response.get_data(as_text=True).splitlines() if line.strip()]
    if got and "job" in got[0]:
        assert re.fullmatch(r"/builder/exchange/jobs/[0-9a-f]{32}", got[0]["job"])
        return got[1:]
    return got


def snapshot():
    return tuple(db.session.scalar(select(func.count()).select_from(m))
                 for m in (Item, ItemVersion, ItemDraft, AuditEvent, Department))


@pytest.fixture
def admin_a(app, client):
    with app.app_context():
        build_world()
    login(client, "admin_a", PASSWORD)
    return csrf_token(client.get("/builder/exchange/").get_data(as_text=True))


def check(client, token, data: bytes):
    return client.post("/builder/exchange/import", headers=NDJSON, content_type="multipart/form-data",
                       data={"csrf_token": token, "bundle": (io.BytesIO(data), "items.zip"), "mode": "catalogue"})


def apply_form(report_html: str) -> dict:
    form = dict(re.findall(r'<input type="hidden" name="(bundle|department|mode|csrf_token)" value="([^"]*)"',
                           report_html))
    form.update(re.findall(r'<select name="(choice-[0-9A-Z]+)"[^>]*>.*?<option value="(\w+)" selected', report_html))
    return form


def test_check_streams_one_event_per_item_then_the_report(app, client, admin_a):
    docs = three_new_items()
    got = events(check(client, admin_a, bundle_of(*docs)))
    codes = sorted(d["implementation"]["implementation_code"] for d in docs)
    assert got[0] == {"phase": "check", "done": 0, "total": 3}
    assert [(e["done"], e["code"]) for e in got[1:4]] == [(1, codes[0]), (2, codes[1]), (3, codes[2])]
    assert all(e["total"] == 3 and e["phase"] == "check" for e in got[1:4])
    final = got[4]
    assert final["result"] == "report" and len(got) == 5
    assert "导入报告" in final["html"] and "新增 3 / 相同 0" in final["html"] and "<html" not in final["html"]
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Item)) == 2  # the check writes nothing


def test_apply_streams_progress_and_ends_with_a_summary(app, client, admin_a):
    report = events(check(client, admin_a, bundle_of(*three_new_items())))[-1]["html"]
    form = apply_form(report)
    assert sorted(set(v for k, v in form.items() if k.startswith("choice-"))) == ["draft"]
    form[next(k for k in form if k.startswith("choice-"))] = "replace"   # publish the first one
    got = events(client.post("/builder/exchange/import/apply", headers=NDJSON, data=form))
    phases = [(e.get("phase"), e.get("done")) for e in got[:-1]]
    assert phases == [("check", 0), ("check", 1), ("check", 2), ("check", 3),
                      ("apply", 1), ("apply", 2), ("apply", 3)]
    summary = got[-1]
    assert summary["result"] == "summary"
    assert {k: summary["summary"][k] for k in ("new", "updated", "identical", "skipped", "error", "drafts",
                                                "published", "total")} == \
        {"new": 3, "updated": 0, "identical": 0, "skipped": 0, "error": 0, "drafts": 2, "published": 1, "total": 3}
    assert "新增 3 / 更新 0 / 相同 0 / 跳过 0 / 错误 0" in summary["html"] and "用时" in summary["html"]
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Item)) == 5
        audit = db.session.scalars(select(AuditEvent).where(AuditEvent.object_type == "Bundle")).all()
        assert len(audit) == 1 and audit[0].username == "admin_a" and "新增 3" in audit[0].summary
    again = events(check(client, admin_a, bundle_of(*three_new_items())))[-1]["html"]
    assert "新增 0 / 相同 3 / 更新 0" in again  # the published one and both drafts hold this content


@pytest.mark.parametrize("failure", [PublishRefused("模拟的发布失败"), RuntimeError("boom")],
                         ids=["refused", "unexpected"])
def test_a_failure_mid_way_rolls_everything_back(app, client, admin_a, monkeypatch, failure):
    import builder.exchange.apply as apply_module
    report = events(check(client, admin_a, bundle_of(*three_new_items())))[-1]["html"]
    form = {k: ("replace" if k.startswith("choice-") else v) for k, v in apply_form(report).items()}
    calls, real_publish = [], apply_module.publish

    def publish_failing_second(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise failure
        return real_publish(*args, **kwargs)
    monkeypatch.setattr(apply_module, "publish", publish_failing_second)
    with app.app_context():
        before = snapshot()
    got = events(client.post("/builder/exchange/import/apply", headers=NDJSON, data=form))
    assert [e.get("done") for e in got if e.get("phase") == "apply"] == [1]   # the first was written, then…
    assert "error" in got[-1] and "未导入任何事项" in got[-1]["error"] and "result" not in got[-1]
    if isinstance(failure, PublishRefused):
        assert "模拟的发布失败" in got[-1]["error"]
    else:
        assert "所有修改均已撤销" in got[-1]["error"] and "boom" not in got[-1]["error"]
    with app.app_context():
        assert snapshot() == before  # …and rolled back with the rest


def test_without_javascript_the_form_posts_and_shows_the_pages(app, client, admin_a):
    """The post is answered with the job's page, which waits a few seconds for a small import to finish."""
    started = client.post("/builder/exchange/import", content_type="multipart/form-data",
                          data={"csrf_token": admin_a, "bundle": (io.BytesIO(bundle_of(*three_new_items())), "x.zip")})
    assert started.status_code == 303 and re.search(r"/builder/exchange/jobs/[0-9a-f]{32}$", started.headers["Location"])
    page = client.get(started.headers["Location"])
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and page.mimetype == "text/html" and "<html" in html and "导入报告" in html
    applied = client.post("/builder/exchange/import/apply", data=apply_form(html))
    done = client.get(applied.headers["Location"])
    assert done.status_code == 200 and "新增 3 / 更新 0" in done.get_data(as_text=True)
    other = app.test_client()           # another administrator cannot read the job
    login(other, "admin_b", PASSWORD)
    assert other.get(applied.headers["Location"]).status_code == 404


def test_refusals_are_error_events_in_chinese(app, client, admin_a):
    truncated = check(client, admin_a, bundle_of(*three_new_items())[:300])
    [event] = events(truncated)
    assert truncated.status_code == 400 and event["problems"] == ["不是有效的事项交换包(zip 文件损坏或不完整)"]
    expired = client.post("/builder/exchange/import/apply", headers=NDJSON,
                          data={"csrf_token": admin_a, "bundle": "0" * 64})
    assert expired.status_code == 400 and "已失效" in events(expired)[0]["error"]
    with app.app_context():
        before = snapshot()
    no_token = client.post("/builder/exchange/import", headers=NDJSON, content_type="multipart/form-data",
                           data={"bundle": (io.BytesIO(bundle_of(*three_new_items())), "x.zip")})
    assert no_token.status_code == 400  # CSRF
    with app.app_context():
        assert snapshot() == before


def test_items_of_other_departments_can_only_be_skipped(app, client, admin_a):
    theirs = item_definition(DEPT_B, "秦源县乙局", "000100000030", "乙局新事项")
    report = events(check(client, admin_a, bundle_of(theirs, *three_new_items()[:1])))[-1]["html"]
    code = theirs["implementation"]["implementation_code"]
    row = re.search(rf'<tr data-code="{code}">.*?</tr>', report, re.S).group(0)
    assert "不是您管理的部门" in row and re.findall(r'<option value="(\w+)"', row) == ["skip"]
    form = {**apply_form(report), f"choice-{code}": "draft"}   # a forged choice
    with app.app_context():
        before = snapshot()
    got = events(client.post("/builder/exchange/import/apply", headers=NDJSON, data=form))
    assert "不能选择" in got[-1]["error"]
    with app.app_context():
        assert snapshot() == before
