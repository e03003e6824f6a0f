"""Races against the real server: a double-clicked submit, 200 submissions at once, two admins saving
one draft. The pause hook holds the first request between its flush and its commit (locks held), so
the second one truly overlaps it instead of merely following it."""
from __future__ import annotations

import copy
import threading

import pytest

from tests.faults.citizen import (application_row, assert_consistent, fill_in, pdf, saved, start, status_events,
                                  upload)
from tests.faults.conftest import DB_KIND, prepare
from tests.faults.http_session import Browser, csrf_token

pytestmark = [pytest.mark.faults, pytest.mark.db]


def ready_to_submit(server, world) -> tuple[Browser, str]:
    browser = Browser(server.port)
    base = start(browser, world["item"])
    fill_in(browser, base)
    saved(upload(browser, base, "application_form", pdf("form")))
    saved(upload(browser, base, "operator_id_proof", pdf("id")))
    return browser, base


def in_thread(fn, *args) -> tuple[threading.Thread, list]:
    out = []
    thread = threading.Thread(target=lambda: out.append(fn(*args)))
    thread.start()
    return thread, out


def assert_submitted_once(server, engine, browser, base, *responses):
    for response in responses:
        assert response.status == 302 and response.location.endswith(f"{base}/done"), response.status
    with engine.connect() as conn:
        row = application_row(conn, base)
        assert row["status"] == "submitted" and row["number"]
        assert status_events(conn, row["id"]) == ["draft", "submitted"]
        assert_consistent(conn, server.storage)
    page = browser.get(f"{base}/done")
    assert page.status == 200 and f"申请编号:{row['number']}" in page.text


def test_double_click_one_after_the_other(server, world, engine):
    browser, base = ready_to_submit(server, world)
    token = csrf_token(browser.get(f"{base}/review").text)
    first = browser.post(f"{base}/submit", {"csrf_token": token})
    second = browser.post(f"{base}/submit", {"csrf_token": token})
    assert_submitted_once(server, engine, browser, base, first, second)


def test_double_click_at_the_same_time(server, world, engine):
    browser, base = ready_to_submit(server, world)
    token = csrf_token(browser.get(f"{base}/review").text)
    server.pause("portal.submit", 1.5)
    thread, first = in_thread(browser.post, f"{base}/submit", {"csrf_token": token})
    server.wait_paused()  # the first click holds the application, uncommitted
    second = browser.post(f"{base}/submit", {"csrf_token": token})
    thread.join(30)
    assert_submitted_once(server, engine, browser, base, first[0], second)


@pytest.mark.skipif(DB_KIND != "postgresql", reason="200 concurrent submissions are a PostgreSQL test")
def test_200_concurrent_submissions(server, world, engine, fault_database, fault_folder):
    tokens = prepare(fault_database, fault_folder, drafts=200)["tokens"]
    browsers = [Browser(server.port, timeout=120) for _ in tokens]
    csrf = [csrf_token(b.get(f"/zwfw/a/{t}/review").text) for b, t in zip(browsers, tokens)]
    barrier, results = threading.Barrier(len(tokens)), [None] * len(tokens)

    def submit(i):
        barrier.wait()
        results[i] = browsers[i].post(f"/zwfw/a/{tokens[i]}/submit", {"csrf_token": csrf[i]})

    threads = [threading.Thread(target=submit, args=(i,)) for i in range(len(tokens))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(180)
    assert [r.status for r in results] == [302] * len(tokens)
    with engine.connect() as conn:
        rows = [application_row(conn, f"/zwfw/a/{t}") for t in tokens]
        assert all(r["number"] for r in rows) and len({r["number"] for r in rows}) == len(tokens)
        for r in rows:  # one submission each (complete answers, no materials: corrections needed)
            assert status_events(conn, r["id"]) == ["draft", r["status"]] and r["status"] in (
                "submitted", "needs_correction")
        assert_consistent(conn, server.storage)  # the day's numbers are 1…N with these 200 among them


def test_two_admins_saving_one_draft(server, world, engine):
    from tests.web.people import PASSWORD
    first, second = Browser(server.port), Browser(server.port)
    first.login("admin_a", PASSWORD)
    second.login("sys", PASSWORD)
    url = f"/builder/api/items/{world['item_a']}/draft"
    draft = first.get(url).json()
    assert second.get(url).json()["lock_version"] == draft["lock_version"]
    mine, theirs = copy.deepcopy(draft["definition"]), copy.deepcopy(draft["definition"])
    mine["catalogue"]["name"] = "甲局事项(管理员甲修改)"
    theirs["catalogue"]["name"] = "甲局事项(系统管理员修改)"

    server.pause("builder_api.put_draft", 1.5)
    thread, saved_first = in_thread(first.api, "PUT", url, {"definition": mine, "lock_version": draft["lock_version"]})
    server.wait_paused()  # admin A's save is written, not committed; admin B read the same version
    late = second.api("PUT", url, {"definition": theirs, "lock_version": draft["lock_version"]})
    thread.join(30)
    assert saved_first[0].status == 200 and saved_first[0].json()["lock_version"] == draft["lock_version"] + 1
    assert late.status == 409 and "admin_a" in late.json()["message"]
    assert late.json()["current"]["definition"]["catalogue"]["name"] == mine["catalogue"]["name"]

    # Racing without help: several rounds, each exactly one save wins and nothing is overwritten.
    for round_ in range(5):
        current = first.get(url).json()
        docs = []
        for who in ("甲", "乙"):
            doc = copy.deepcopy(current["definition"])
            doc["catalogue"]["name"] = f"甲局事项(第{round_}轮{who})"
            docs.append(doc)
        barrier, out = threading.Barrier(2), [None, None]

        def save(i, browser):
            body = {"definition": docs[i], "lock_version": current["lock_version"]}
            barrier.wait()
            out[i] = browser.api("PUT", url, body)

        threads = [threading.Thread(target=save, args=(i, b)) for i, b in enumerate((first, second))]
        for t in threads:
            t.start()
        for t in threads:
            t.join(30)
        assert sorted(r.status for r in out) == [200, 409]
        winner = docs[[r.status for r in out].index(200)]
        final = first.get(url).json()
        assert final["definition"]["catalogue"]["name"] == winner["catalogue"]["name"]
        assert final["lock_version"] == current["lock_version"] + 1
