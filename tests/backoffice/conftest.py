"""A centre with cases in every state the clerk's home counts, a question asked today, a draft with
problems and an import, at a fixed today (Tuesday 20 October 2026, Beijing time)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import pytest

from runtime import audit
from runtime.extensions import db
from runtime.models import Application, Consultation, Item, ItemDraft
from runtime.portal.drafts import create_draft, record_status
from tests.web.people import add_user, build_world
from runtime.security.roles import CLERK

TODAY = date(2026, 10, 20)
# Stored timestamps are naive UTC: 02:47 UTC is 10:47 in the centre (Asia/Shanghai).
ASKED_AT_UTC = datetime(2026, 10, 20, 2, 47)


@dataclass
class Office:
    numbers: dict          # label -> application number
    item_a: int
    item_b: int


def _case(item_id: int, label: str, status: str, submitted: datetime, **fields) -> Application:
    _case.count = getattr(_case, "count", 0) + 1
    item = db.session.get(Item, item_id)
    application, _token = create_draft(item.versions[-1])
    application.applicant = {"type": "person", "name": f"申请人{_case.count}号", "id_type": "111",
                             "mobile": "13800000000"}
    application.number = f"20261020-0001-{_case.count:04d}"
    application.submitted_at = submitted
    record_status(application, "draft", "submitted", "网上提交")
    if status != "submitted":
        record_status(application, "submitted", status, "测试")
    for key, value in fields.items():
        setattr(application, key, value)
    return application


@pytest.fixture
def office(app, monkeypatch) -> Office:
    monkeypatch.setattr("runtime.clock.today", lambda: TODAY)
    with app.app_context():
        world = build_world()
        add_user("clerk_b", CLERK, [world.dept_b])
        cases = {
            "fresh": _case(world.item_a, "fresh", "submitted", datetime(2026, 10, 20, 1, 15)),   # 09:15 today
            "late": _case(world.item_a, "late", "submitted", datetime(2026, 9, 1, 2, 0)),        # notice overdue
            "soon": _case(world.item_a, "soon", "reviewed", datetime(2026, 10, 14, 2, 0)),       # due 21 October
            "tolerated": _case(world.item_a, "tolerated", "accepted", datetime(2026, 10, 12, 2, 0),
                               accepted_on="2026-10-12", case_number="甲2026000001",
                               tolerated_until="2026-11-30", promised_date="2026-12-30"),
            "other_department": _case(world.item_b, "other", "submitted", datetime(2026, 10, 20, 1, 30)),
        }
        db.session.add(Consultation(item_id=world.item_a, department_id=world.dept_a.id, question="营业执照丢了怎么办?",
                                    asker_name="王五", asker_contact="13900000000", created_at=ASKED_AT_UTC))
        item_a = db.session.get(Item, world.item_a)
        broken = dict(item_a.versions[-1].definition, materials="not a list")
        db.session.add(ItemDraft(item=item_a, definition=broken, based_on_version=item_a.current_version))
        audit.record(db.session, "import", "ItemDraft", item_a.id, f"导入 {item_a.name} 为草稿")
        db.session.commit()
        return Office({k: a.number for k, a in cases.items()}, world.item_a, world.item_b)
