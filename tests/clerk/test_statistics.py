"""Statistics: the pure counts (engine) and the page (scoped to the user's departments, charts drawn)."""
from datetime import date

from runtime.casework.statistics import Case, Review, compute, month_range
from runtime.engine.workdays import default_calendar
from runtime.extensions import db
from runtime.models import Application
from runtime.portal.drafts import record_status
from tests.clerk.conftest import post
from tests.conftest import login, logout
from tests.web.people import PASSWORD

START, END = date(2026, 8, 1), date(2026, 10, 31)


def test_month_range_crosses_the_year():
    assert month_range(date(2026, 11, 5), date(2027, 2, 1)) == ["2026-11", "2026-12", "2027-01", "2027-02"]


def test_counts_per_month_item_outcome_and_missing_material():
    cases = [Case("施工许可", "住建局", date(2026, 8, 3), "accepted"),
             Case("施工许可", "住建局", date(2026, 10, 9), "completed", date(2026, 10, 9), date(2026, 10, 14),
                  date(2026, 10, 15)),
             Case("施工许可", "住建局", date(2026, 9, 28), "completed", date(2026, 9, 28), date(2026, 10, 20),
                  date(2026, 10, 9)),
             Case("卫生许可", "卫健局", date(2026, 10, 1), "needs_correction"),
             Case("卫生许可", "卫健局", date(2026, 7, 31), "completed")]          # before the period: not counted
    reviews = [Review("施工许可", "needs_correction", ("施工合同", "安全措施")), Review("施工许可", "acceptable"),
               Review("施工许可", "needs_correction", ("施工合同",)), Review("卫生许可", "tolerated", ())]
    stats = compute(cases, reviews, start=START, end=END, calendar=default_calendar())
    assert stats.months == ["2026-08", "2026-09", "2026-10"] and stats.total == 4
    assert stats.per_month == {"住建局": [1, 1, 1], "卫健局": [0, 0, 1]}
    assert stats.per_item == [("施工许可", 3), ("卫生许可", 1)]
    assert dict(stats.outcomes) == {"需补正": 2, "可受理": 1, "容缺受理": 1}
    assert stats.missing == {"施工许可": [("施工合同", 2), ("安全措施", 1)]}
    # 10-09 -> 10-14: 10-10 (make-up Saturday), 12, 13, 14 = 4 working days, on time; 09-28 -> 10-20 is late:
    # 09-29, 09-30, (10-01 … 10-07 off) 10-08, 10-09, 10-10, 10-12 … 10-16, 10-19, 10-20 = 12 working days.
    assert stats.handling == [{"item": "施工许可", "completed": 2, "on_time": 1, "percent": 50,
                               "median_days": (4 + 12) / 2}]
    assert stats.on_time_share == [("施工许可", 50)]


def test_page_is_scoped_and_draws_the_charts(app, client, case, monkeypatch):
    login(client, "clerk_zj", PASSWORD)
    post(client, f"/clerk/applications/{case}/return", note="缺少盖章")
    with app.app_context():
        a = db.session.get(Application, case)
        record_status(a, a.status, "needs_correction", "自动预审",
                      review={"outcome": "needs_correction", "missing": [a.item_version.definition["materials"][0]["id"]]})
        db.session.commit()
        material = a.item_version.definition["materials"][0]["name"]
    page = client.get("/clerk/statistics?from=2026-01&to=2026-12")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "建筑工程施工许可证核发" in html and material in html and html.count("<svg") >= 4
    assert "2026年1月1日至2026年12月31日共收到申请 1 件" in html
    # Another department's clerk sees none of it.
    logout(client)
    login(client, "clerk_a", PASSWORD)
    other = client.get("/clerk/statistics?from=2026-01&to=2026-12").get_data(as_text=True)
    assert "建筑工程施工许可证核发" not in other and material not in other


def test_bad_period_falls_back_to_a_sane_one(app, client, case):
    login(client, "clerk_zj", PASSWORD)
    for query in ("from=abc&to=2026-13", "from=1900-01&to=2026-10", "from=2027-01&to=2026-01"):
        assert client.get(f"/clerk/statistics?{query}").status_code == 200
