"""Statistics: the pure counts (engine) and the page (scoped to the user's departments, charts drawn)."""
from datetime import date

from statistics import median

from runtime.casework.statistics import (handling, labelled, month_range, outcome_label, per_month, status_label,
                                         weighted_median, with_rest)
from runtime.extensions import db
from runtime.models import Application
from runtime.portal.drafts import record_status
from tests.clerk.conftest import post
from tests.conftest import login, logout
from tests.web.people import PASSWORD

START, END = date(2026, 8, 1), date(2026, 10, 31)


def test_month_range_crosses_the_year():
    assert month_range(date(2026, 11, 5), date(2027, 2, 1)) == ["2026-11", "2026-12", "2027-01", "2027-02"]


def test_month_series_keep_the_largest_departments_and_sum_the_rest():
    months = ["2026-08", "2026-09", "2026-10"]
    rows = [("住建局", "2026-08", 1), ("住建局", "2026-10", 2), ("卫健局", "2026-10", 1), ("甲局", "2026-09", 5),
            ("乙局", "2026-09", 1), ("丙局", "2026-07", 9)]   # before the period: ignored
    assert per_month(rows, months) == {"乙局": [0, 1, 0], "住建局": [1, 0, 2], "卫健局": [0, 0, 1], "甲局": [0, 5, 0]}
    top = per_month(rows, months, top=2)
    assert top == {"住建局": [1, 0, 2], "甲局": [0, 5, 0], "其他 2 个部门": [0, 1, 1]}
    assert sum(map(sum, top.values())) == 10   # every case still counted


def test_items_outcomes_and_statuses():
    assert with_rest([("施工许可", 3)], 5, "其他事项") == [("施工许可", 3), ("其他事项", 2)]
    assert with_rest([("施工许可", 3)], 3, "其他事项") == [("施工许可", 3)]
    assert labelled({"needs_correction": 2, "acceptable": 1, "tolerated": 0}, outcome_label) == [("需补正", 2), ("可受理", 1)]
    assert labelled({"accepted": 1, "completed": 3}, status_label) == [("已办结", 3), ("已受理", 1)]


def test_handling_time_and_exact_median_from_the_histogram():
    rows = [("施工许可", "4:1", 1), ("施工许可", "12:0", 1), ("卫生许可", "3:1", 2), ("卫生许可", "9:0", 1)]
    assert handling(rows) == [{"item": "卫生许可", "completed": 3, "on_time": 2, "percent": 67, "median_days": 3},
                              {"item": "施工许可", "completed": 2, "on_time": 1, "percent": 50, "median_days": 8}]
    for values in ([1], [1, 2], [5, 1, 3, 3], [0, 0, 7], [2, 9, 4, 4, 1, 8]):
        histogram = {v: values.count(v) for v in values}
        assert weighted_median(histogram) == median(values)


def test_page_is_scoped_and_draws_the_charts(app, client, case, monkeypatch):
    login(client, "clerk_zj", PASSWORD)
    post(client, f"/clerk/applications/{case}/return", note="缺少盖章", confirm="1")
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
