"""FAB list screens on big tables: the versions list never reads definitions and loads its related rows in
the same query; the audit log shows PostgreSQL's row estimate for an unfiltered list of a big table."""
import re

import pytest
from sqlalchemy import event, text

from runtime.extensions import db
from runtime.models import AuditEvent
from tests.conftest import DB_KIND, login
from tests.web.people import PASSWORD, build_world


def _statements(app, client, url):
    seen = []

    def record(conn, cursor, statement, params, context, many):
        seen.append(statement)
    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        response = client.get(url)
    finally:
        event.remove(engine, "before_cursor_execute", record)
    return response, seen


def test_versions_list_reads_no_definitions_and_no_row_by_row(app, client):
    with app.app_context():
        build_world()
    login(client, "sys", PASSWORD)
    response, statements = _statements(app, client, "/itemversionview/list/")
    assert response.status_code == 200 and "甲局事项" in response.get_data(as_text=True)
    listing = [s for s in statements if "FROM item_version" in s and "count(*)" not in s]
    assert listing and not any("item_version.definition" in s for s in listing)
    assert not [s for s in statements if s.lstrip().startswith("SELECT item.") and "WHERE item.id =" in s]


@pytest.mark.skipif(DB_KIND != "postgresql", reason="row estimates are PostgreSQL's")
def test_audit_log_counts_a_big_table_by_estimate(app, client, monkeypatch):
    monkeypatch.setattr("builder.fab_lists.EXACT_BELOW", 1)
    with app.app_context():
        build_world()
        # autovacuum would refresh the estimate at a moment of its choosing
        db.session.execute(text("ALTER TABLE audit_event SET (autovacuum_enabled = false)"))
        db.session.execute(text("ANALYZE audit_event"))
        db.session.commit()
        analysed = db.session.query(AuditEvent).count()
        db.session.add_all([AuditEvent(action="test", object_type="x", summary=str(n)) for n in range(30)])
        db.session.commit()
    login(client, "sys", PASSWORD)
    page = client.get("/auditeventview/list/").get_data(as_text=True)
    assert _count(page) == analysed                 # the estimate of the last ANALYZE, not count(*)
    searched = client.get("/auditeventview/list/?_flt_0_action=test").get_data(as_text=True)
    assert _count(searched) == 30                   # a search counts exactly


def _count(page: str) -> int:
    return int(re.search(r"</strong>\s*(\d+)\s*</div>", page).group(1))
