"""The clerk queue at scale: every case reachable through keyset pages, the overdue and due-soon views over
every open case (not the newest few hundred), name search in SQL, and crafted cursors refused quietly."""
import re
from datetime import date, datetime, timedelta

from sqlalchemy import select

from runtime.casework.queue import PAGE_SIZE
from runtime.extensions import db
from runtime.models import Application
from tests.conftest import login
from tests.web.people import PASSWORD

NUMBER = re.compile(r'/clerk/applications/(\d+)"')


def _add_cases(app, case_id, count, *, status="accepted", submitted=datetime(2026, 10, 9, 2), promised="2026-12-31",
               name="王五", start=0):
    """Copies of the fixture's case (its item and department), numbered apart; returns their ids."""
    with app.app_context():
        model = db.session.get(Application, case_id)
        rows = [Application(item_version_id=model.item_version_id, department_id=model.department_id,
                            applicant={"name": f"{name}{i}"}, answers={}, materials={}, status=status,
                            number=f"X{start + i:06d}", submitted_at=submitted,
                            accepted_on="2026-10-09" if status == "accepted" else None,
                            promised_date=promised if status == "accepted" else None)
                for i in range(count)]
        db.session.add_all(rows)
        db.session.commit()
        return [r.id for r in rows]


def _walk(client, url):
    """Follow the next-page links from ``url``; returns the case ids in order and the pages read."""
    seen, pages = [], 0
    while url:
        html = client.get(url).get_data(as_text=True)
        pages += 1
        seen += [int(i) for i in NUMBER.findall(html)]
        link = re.search(r'<a href="([^"]+)" rel="next">', html)
        url = link.group(1).replace("&amp;", "&") if link else None
        assert pages < 50
    return seen, html


def test_every_case_is_reachable_page_by_page(app, client, case):
    ids = _add_cases(app, case, 2 * PAGE_SIZE + 7)
    login(client, "clerk_zj", PASSWORD)
    seen, last = _walk(client, "/clerk/")
    assert sorted(seen) == sorted(ids + [case]) and len(seen) == len(set(seen))   # all, each once
    assert "已到列表末尾" in last and "第一页" in last
    first = client.get("/clerk/").get_data(as_text=True)
    assert len(NUMBER.findall(first)) == PAGE_SIZE and 'rel="next"' in first


def test_overdue_view_covers_every_open_case(app, client, case, monkeypatch):
    """Overdue cases that were updated long ago, behind more than a page of fresh ones, are all listed."""
    monkeypatch.setattr("runtime.clock.today", lambda: date(2026, 11, 30))
    late = _add_cases(app, case, 3, promised="2026-11-20", name="赵六", start=5000)
    with app.app_context():   # the late ones were last touched long ago
        for a in db.session.scalars(select(Application).where(Application.id.in_(late))):
            a.updated_at = datetime(2026, 10, 1)
        db.session.commit()
    _add_cases(app, case, PAGE_SIZE + 5, promised="2026-12-31")                # fresh, not overdue
    login(client, "clerk_zj", PASSWORD)
    seen, html = _walk(client, "/clerk/?view=overdue")
    assert sorted(seen) == sorted(late)
    assert "已超过承诺办结日期" in html and "赵六0" in html
    assert sorted(_walk(client, "/clerk/?overdue=1")[0]) == sorted(late)   # the old link still works


def test_due_soon_view(app, client, case, monkeypatch):
    monkeypatch.setattr("runtime.clock.today", lambda: date(2026, 11, 18))
    soon = _add_cases(app, case, 2, promised="2026-11-20", start=100)          # Wed -> Fri: 2 working days left
    _add_cases(app, case, 2, promised="2026-12-20", start=200)                 # far away
    _add_cases(app, case, 2, promised="2026-11-10", start=300)                 # already overdue
    login(client, "clerk_zj", PASSWORD)
    seen, html = _walk(client, "/clerk/?view=due_soon")
    assert sorted(seen) == sorted(soon)
    assert "承诺办结日期" in html


def test_name_search_is_in_sql_and_escapes_wildcards(app, client, case):
    _add_cases(app, case, PAGE_SIZE + 3, name="钱七")
    target = _add_cases(app, case, 1, name="孙八", start=900)
    login(client, "clerk_zj", PASSWORD)
    html = client.get("/clerk/?q=孙八").get_data(as_text=True)
    assert [int(i) for i in NUMBER.findall(html)] == target
    assert NUMBER.findall(client.get("/clerk/?q=%25").get_data(as_text=True)) == []   # "%" is text, not a wildcard
    assert len(NUMBER.findall(client.get("/clerk/?q=X0009").get_data(as_text=True))) == 1   # number search


def test_crafted_cursors_give_the_first_page(app, client, case):
    login(client, "clerk_zj", PASSWORD)
    for after in ("x", "2026-13-40T00:00~1", "~", "a" * 500, "2026-10-09T00:00:00~abc", "'; drop table x;--~1"):
        page = client.get("/clerk/", query_string={"after": after, "view": "overdue"})
        assert page.status_code == 200


def test_the_applicants_name_column_follows_the_json(app, case):
    with app.app_context():
        a = db.session.get(Application, case)
        assert a.applicant_name == a.applicant["name"]
        a.applicant = {**a.applicant, "name": "新名字"}
        db.session.commit()
        assert db.session.get(Application, case).applicant_name == "新名字"


def test_many_departments_are_searched_by_name_not_listed(app, client, case, monkeypatch):
    """Past MAX_LISTED departments the filter is a name search; the chosen department narrows the queue."""
    monkeypatch.setattr("runtime.clerk.department_filter.MAX_LISTED", 1)
    with app.app_context():
        from runtime.models import Department
        zj = db.session.get(Application, case).department_id
        name = db.session.get(Department, zj).name
    login(client, "sys", PASSWORD)
    html = client.get("/clerk/").get_data(as_text=True)
    assert 'name="department_q"' in html and '<select id="department"' not in html
    assert f"/clerk/applications/{case}" in html                              # all departments
    found = client.get("/clerk/", query_string={"department_q": name[-3:]}).get_data(as_text=True)
    assert f'<option value="{zj}" selected>{name}</option>' in found     # the only match is chosen at once
    assert f"/clerk/applications/{case}" in found
    assert "没有名称匹配的部门" in client.get("/clerk/?department_q=不存在的局").get_data(as_text=True)
    other = client.get("/clerk/", query_string={"department_q": "甲局"}).get_data(as_text=True)
    dept_a = re.search(r'<option value="(\d+)"(?: selected)?>[^<]*甲局</option>', other).group(1)
    narrowed = client.get("/clerk/", query_string={"department_q": "甲局", "department": dept_a}).get_data(as_text=True)
    assert f"/clerk/applications/{case}" not in narrowed
    stats = client.get("/clerk/statistics", query_string={"department_q": name[-3:], "department": zj})
    assert stats.status_code == 200 and "selected>" + name in stats.get_data(as_text=True)
