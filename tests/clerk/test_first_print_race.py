"""Two first prints of the same document at once (the clerk and the applicant; PostgreSQL: real concurrent
transactions): one number, one signed file, and both get exactly that file."""
import threading
from datetime import date

import pytest
from sqlalchemy import func, select

from tests.clerk.signing_fixtures import demo_keys  # noqa: F401 - fixture
from tests.conftest import DB_KIND


@pytest.mark.skipif(DB_KIND != "postgresql", reason="needs concurrent transactions (PostgreSQL)")
def test_two_first_prints_at_once_issue_one_file(app, case, demo_keys):
    from runtime.casework.actions import perform
    from runtime.documents.register import printed_document
    from runtime.extensions import db
    from runtime.models import Application, IssuedDocument
    from runtime import work_calendar
    demo_keys()
    with app.app_context():
        perform(db.session.get(Application, case), "accept", user_id=None, note="", today=date(2026, 10, 9),
                calendar=work_calendar.calendar())
        db.session.commit()
    start, results, errors = threading.Barrier(2), [], []

    def print_it(user_clerk: str):
        try:
            with app.test_request_context("/"):
                application = db.session.get(Application, case)
                start.wait(10)
                results.append(printed_document(application, "acceptance_notice", today=date(2026, 10, 9),
                                                clerk=user_clerk).pdf)
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=print_it, args=(name,)) for name in ("刘窗口", "")]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not errors, errors
    assert len(results) == 2 and results[0] == results[1]
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(IssuedDocument)) == 1
