"""Next year's holiday schedule, entered by the administrator, is used for working-day deadlines."""
import json
from datetime import date

from sqlalchemy import select

from runtime.extensions import db
from runtime.models import AuditEvent
from runtime.work_calendar import calendar

# The shape of a State Council schedule (dates illustrative, as 2027's is not published yet).
SCHEDULE_2027 = {"year": 2027, "source": "国办发明电〔2026〕（示例）",
                 "holidays": ["2027-01-01", "2027-02-05", "2027-02-08", "2027-02-09", "2027-02-10", "2027-02-11",
                              "2027-02-12", "2027-04-05", "2027-05-03", "2027-05-04", "2027-05-05", "2027-06-09",
                              "2027-09-15", "2027-10-01", "2027-10-04", "2027-10-05", "2027-10-06", "2027-10-07"],
                 "workdays": ["2027-02-06", "2027-02-20", "2027-05-08", "2027-09-25", "2027-10-09"]}


def load(app, tmp_path, data):
    path = tmp_path / "schedule.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return app.test_cli_runner().invoke(args=["yiwang", "calendar", "load", str(path)])


def test_loaded_year_extends_deadlines_into_it(app, tmp_path):
    with app.app_context():
        assert calendar().last_year == 2026
    result = load(app, tmp_path, SCHEDULE_2027)
    assert result.exit_code == 0, result.output
    assert "放假 18 天,调休上班 5 天" in result.output
    with app.app_context():
        cal = calendar()
        assert cal.last_year == 2027
        # 2027-02-04 (Thu) + 3 working days: Sat 02-06 is a 补班 day (1); 02-05 and 02-08..12 are rest days;
        # Mon 02-15 (2), Tue 02-16 (3).
        assert cal.add_working_days(date(2027, 2, 4), 3) == date(2027, 2, 16)
        assert db.session.scalar(select(AuditEvent).where(AuditEvent.object_type == "CalendarYear")) is not None
    assert "2004–2027" in app.test_cli_runner().invoke(args=["yiwang", "calendar", "show"]).output


def test_bad_schedules_are_refused_with_every_problem(app, tmp_path):
    bad = {"year": 2027, "holidays": ["2027-01-01", "2028-01-01", "not a date"], "workdays": ["2027-02-08"]}
    result = load(app, tmp_path, bad)
    assert result.exit_code == 1
    for expected in ("不属于 2027 年", "不是 YYYY-MM-DD", "放假日期过少", "不是周末", "请注明依据"):
        assert expected in result.output, expected
    assert "年份必须连续" in load(app, tmp_path, {**SCHEDULE_2027, "year": 2029}).output
    assert "已内置" in load(app, tmp_path, {**SCHEDULE_2027, "year": 2026}).output
    (tmp_path / "broken.json").write_text("{", encoding="utf-8")
    assert app.test_cli_runner().invoke(args=["yiwang", "calendar", "load", str(tmp_path / "broken.json")]).exit_code == 2
    with app.app_context():
        assert calendar().last_year == 2026


def test_system_admin_enters_a_year_on_the_page(app, client):
    from tests.conftest import csrf_token, login, logout
    from tests.web.people import PASSWORD, build_world
    with app.app_context():
        build_world()
    login(client, "clerk_a", PASSWORD)
    assert client.get("/admin/calendar/").status_code == 403
    logout(client)
    login(client, "sys", PASSWORD)
    page = client.get("/admin/calendar/").get_data(as_text=True)
    assert "2004–2026" in page
    bad = client.post("/admin/calendar/", data={"csrf_token": csrf_token(page), "year": "2027", "source": "",
                                                "holidays": "2027-01-01", "workdays": "2027-02-08"})
    assert bad.status_code == 400 and "请注明依据" in bad.get_data(as_text=True) and "不是周末" in bad.get_data(as_text=True)
    good = client.post("/admin/calendar/", data={"csrf_token": csrf_token(page), "year": "2027",
                                                 "source": SCHEDULE_2027["source"],
                                                 "holidays": "\n".join(SCHEDULE_2027["holidays"]),
                                                 "workdays": ", ".join(SCHEDULE_2027["workdays"])})
    assert good.status_code == 302
    assert "2004–2027" in client.get("/admin/calendar/").get_data(as_text=True)
