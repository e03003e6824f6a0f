"""New items are written in batches (bench_exchange's 385 items): each still gets its audit row, and a
code taken between the report and the import refuses the whole import."""
import copy
import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from builder.drafts import create_item
from builder.exchange.apply import ImportRefused, apply_plan
from builder.exchange.bundle import read_bundle, write_bundle
from builder.exchange.new_items import NewItems
from builder.exchange.plan import plan_import
from runtime.extensions import db
from runtime.models import AuditEvent, Item, ItemDraft

ROOT = Path(__file__).resolve().parents[2]
PERMIT = json.loads((ROOT / "item_defs/construction-permit.json").read_text("utf-8"))


def many(n):
    docs = []
    for i in range(n):
        doc = copy.deepcopy(PERMIT)
        basic = f"{900000000000 + i:012d}"
        doc["catalogue"]["basic_code"] = basic
        doc["catalogue"]["name"] = f"事项 {i}"
        doc["implementation"]["implementation_code"] = doc["implementation"]["department"]["code"] + "4" + basic
        doc["implementation"]["handle_item_code"] = doc["implementation"]["implementation_code"] + "01"
        docs.append(doc)
    return read_bundle(write_bundle([(d, 1) for d in docs], {}, exporter="省", exported_at="2026-12-01T00:00:00+00:00"))


def test_new_items_in_batches_each_with_its_draft_and_audit_row(app):
    n = NewItems.BATCH + 5
    with app.app_context():
        bundle = many(n)
        entries = plan_import(bundle)
        assert apply_plan(bundle, entries, {})["draft"] == n
        db.session.commit()
        assert db.session.scalar(select(func.count()).select_from(ItemDraft)) == n
        audited = db.session.scalars(select(AuditEvent.summary).where(AuditEvent.action == "import")).all()
        assert sorted(audited) == sorted(f"导入 事项 {i} 为草稿" for i in range(n))
        assert db.session.scalar(select(Item).where(Item.name == "事项 3")).online is False  # unpublished


def test_a_code_taken_after_the_report_refuses_the_whole_import(app):
    with app.app_context():
        bundle = many(3)
        entries = plan_import(bundle)
        create_item(copy.deepcopy(bundle.definitions[entries[2].source_code]))  # another admin, meanwhile
        db.session.commit()
        with pytest.raises(ImportRefused, match="已存在"):
            apply_plan(bundle, entries, {})
        db.session.rollback()
        assert db.session.scalar(select(func.count()).select_from(Item)) == 1
