"""Two first numbers of a year at once (PostgreSQL: real concurrent transactions): both succeed, 1 and 2."""
import threading
import time

import pytest

from tests.conftest import DB_KIND


@pytest.mark.skipif(DB_KIND != "postgresql", reason="needs concurrent transactions (PostgreSQL)")
def test_concurrent_first_numbers_of_the_year_do_not_collide(app):
    from runtime.casework.numbering import next_number
    from runtime.extensions import db
    from runtime.models import Department
    with app.app_context():
        dept = Department(code="11610424MB0000000X", name="测试局")
        db.session.add(dept)
        db.session.commit()
        dept_id = dept.id
    first_flushed, results, errors = threading.Event(), [], []

    def take(hold: bool):
        try:
            with app.app_context():
                results.append(next_number(dept_id, "doc:race", 2026))
                if hold:                      # keep the new row uncommitted while the other one inserts
                    first_flushed.set()
                    time.sleep(0.5)
                db.session.commit()
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
            first_flushed.set()

    a = threading.Thread(target=take, args=(True,))
    a.start()
    first_flushed.wait(10)
    b = threading.Thread(target=take, args=(False,))
    b.start()
    a.join(20)
    b.join(20)
    assert not errors and sorted(results) == [1, 2]


def test_daily_application_numbers_continue_after_numbers_given_without_the_sequence(app, case):
    """The first submission of a day counts the numbers already given that day (on the number index)."""
    from datetime import datetime

    from runtime.extensions import db
    from runtime.models import Application
    from runtime.portal.drafts import next_number
    with app.app_context():
        a = db.session.get(Application, case)
        prefix = f"20261009-{a.department_id:04d}-"
        a.number = prefix + "0001"                                  # given before the sequence existed
        db.session.commit()
        assert next_number(a, datetime(2026, 10, 9, 9)) == prefix + "0002"
        assert next_number(a, datetime(2026, 10, 9, 10)) == prefix + "0003"
        assert next_number(a, datetime(2026, 10, 10, 9)).endswith("-0001")   # a new day starts again
        db.session.rollback()
