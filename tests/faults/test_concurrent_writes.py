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
from tests.faults.http_session import Browser
from tests.html_forms import hidden_fields

pytestmark = [pytest.mark.faults, pytest.mark.db]


def ready_to_submit(server, world, complete: bool = True) -> tuple[Browser, str]:
    """A filled-in draft; without the two required materials pre-review ends in needs_correction."""
    browser = Browser(server.port)
    base = start(browser, world["item"])
    fill_in(browser, base)
    if complete:
        saved(upload(browser, base, "application_form", pdf("form")))
        saved(upload(browser, base, "operator_id_proof", pdf("id")))
    return browser, base


# Both outcomes of a submission: needs_correction leaves the application editable, so only the
# revision the review page was rendered from tells a second click from a real re-submission.
OUTCOMES = pytest.mark.parametrize("outcome", ["submitted", "needs_correction"])


def submit_form(browser: Browser, base: str) -> dict:
    """The submit form's fields as the review page renders them (CSRF token, revision)."""
    return hidden_fields(browser.get(f"{base}/review").text, "/submit")


def in_thread(fn, *args) -> tuple[threading.Thread, list]:
    out = []
    thread = threading.Thread(target=lambda: out.append(fn(*args)))
    thread.start()
    return thread, out


def assert_submitted_once(server, engine, browser, base, outcome, *responses):
    for response in responses:
        assert response.status == 302 and response.location.endswith(f"{base}/done"), response.status
    with engine.connect() as conn:
        row = application_row(conn, base)
        assert row["status"] == outcome and row["number"]
        assert status_events(conn, row["id"]) == ["draft", outcome]
        assert_consistent(conn, server.storage)
    page = browser.get(f"{base}/done")
    assert page.status == 200 and f"申请编号:{row['number']}" in page.text
    return row


def assert_corrections_can_be_submitted(server, engine, browser, base, number):
    """After a double click ended in needs_correction the applicant still completes and re-submits."""
    saved(upload(browser, base, "application_form", pdf("form")))
    saved(upload(browser, base, "operator_id_proof", pdf("id")))
    response = browser.post(f"{base}/submit", submit_form(browser, base))
    assert response.status == 302 and response.location.endswith(f"{base}/done")
    with engine.connect() as conn:
        row = application_row(conn, base)
        assert row["status"] == "submitted" and row["number"] == number
        assert status_events(conn, row["id"]) == ["draft", "needs_correction", "submitted"]
        assert_consistent(conn, server.storage)


@OUTCOMES
def test_double_click_one_after_the_other(server, world, engine, outcome):
    browser, base = ready_to_submit(server, world, complete=outcome == "submitted")
    form = submit_form(browser, base)
    first = browser.post(f"{base}/submit", form)
    second = browser.post(f"{base}/submit", form)
    row = assert_submitted_once(server, engine, browser, base, outcome, first, second)
    if outcome == "needs_correction":
        assert_corrections_can_be_submitted(server, engine, browser, base, row["number"])


@OUTCOMES
def test_double_click_at_the_same_time(server, world, engine, outcome):
    browser, base = ready_to_submit(server, world, complete=outcome == "submitted")
    form = submit_form(browser, base)
    server.pause("portal.submit", 1.5)
    thread, first = in_thread(browser.post, f"{base}/submit", form)
    server.wait_paused()  # the first click holds the application, uncommitted
    second = browser.post(f"{base}/submit", form)
    thread.join(30)
    row = assert_submitted_once(server, engine, browser, base, outcome, first[0], second)
    if outcome == "needs_correction":
        assert_corrections_can_be_submitted(server, engine, browser, base, row["number"])


@pytest.mark.skipif(DB_KIND != "postgresql", reason="200 concurrent submissions are a PostgreSQL test")
def test_200_concurrent_submissions(server, world, engine, fault_database, fault_folder):
    tokens = prepare(fault_database, fault_folder, drafts=200)["tokens"]
    browsers = [Browser(server.port, timeout=120) for _ in tokens]
    forms = [submit_form(b, f"/zwfw/a/{t}") for b, t in zip(browsers, tokens)]
    barrier, results = threading.Barrier(len(tokens)), [None] * len(tokens)

    def submit(i):
        barrier.wait()
        results[i] = browsers[i].post(f"/zwfw/a/{tokens[i]}/submit", forms[i])

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
