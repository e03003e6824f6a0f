"""Each worker keeps the public catalogue in memory (runtime/portal/catalogue_index.py); a committed
write to an item or a department must show on the very next page view, in every worker, and
nothing else may make it reload (runtime/change_tracking.py)."""
import json
import threading

import pytest
from sqlalchemy import update

from app import create_app
from builder.item_store import publish
from runtime import change_tracking
from runtime.extensions import db
from runtime.models import Consultation, Department, Item
from runtime.portal import catalogue_cache
from tests.portal.conftest import EXAMPLE


def text(response):
    return response.get_data(as_text=True)


def counter(app):
    with app.app_context():
        return change_tracking.current(db.engine, "catalogue")


def publish_variant(app, name, basic="000120260001"):
    doc = json.loads(EXAMPLE.read_text("utf-8"))
    doc["catalogue"].update(name=name, basic_code=basic)
    doc["implementation"]["implementation_code"] = doc["implementation"]["department"]["code"] + "4" + basic
    with app.app_context():
        item = publish(doc).item
        db.session.commit()
        return item.id


def test_a_published_item_shows_at_once(app, client, item_id):
    assert "共找到 1 个事项" in text(client.get("/zwfw/"))        # the catalogue is now held in memory
    publish_variant(app, "个体工商户歇业备案")
    page = text(client.get("/zwfw/?q=歇业"))
    assert "个体工商户歇业备案" in page and "共找到 1 个事项" in page
    assert "共找到 2 个事项" in text(client.get("/zwfw/"))


def test_offline_renamed_and_moved_items_show_at_once(app, client, item_id):
    assert "个体工商户登记" in text(client.get("/zwfw/"))
    with app.app_context():
        db.session.get(Item, item_id).name = "个体工商户设立登记"
        db.session.commit()
    assert "个体工商户设立登记" in text(client.get("/zwfw/?q=设立"))
    with app.app_context():
        db.session.get(Item, item_id).department.name = "秦源县行政审批服务局"
        db.session.commit()
    assert "秦源县行政审批服务局 (1)" in text(client.get("/zwfw/"))
    with app.app_context():
        db.session.get(Item, item_id).online = False
        db.session.commit()
    assert "共找到 0 个事项" in text(client.get("/zwfw/"))


def test_another_worker_sees_the_change(app, client, item_id):
    """A second app on the same database stands for another gunicorn worker with its own snapshot."""
    other = create_app({key: app.config[key] for key in ("TESTING", "SECRET_KEY", "SQLALCHEMY_DATABASE_URI",
                                                          "YIWANG_STORAGE_DIR")})
    other_client = other.test_client()
    assert "个体工商户登记" in text(other_client.get("/zwfw/"))
    with app.app_context():
        db.session.get(Item, item_id).online = False
        db.session.commit()
    assert "共找到 0 个事项" in text(other_client.get("/zwfw/"))
    with other.app_context():
        db.session.remove()
        db.engine.dispose()


def test_bulk_orm_statements_count_as_changes(app, client, item_id):
    client.get("/zwfw/")
    with app.app_context():
        db.session.execute(update(Item).where(Item.id == item_id).values(online=False))
        db.session.commit()
    assert "共找到 0 个事项" in text(client.get("/zwfw/"))


def test_rolled_back_and_unrelated_writes_do_not_bump(app, item_id):
    before = counter(app)
    with app.app_context():
        db.session.get(Item, item_id).name = "不会保存的名称"
        db.session.flush()
        db.session.rollback()
        db.session.commit()                                   # nothing pending: no bump
        db.session.add(Consultation(item_id=item_id, department_id=db.session.get(Item, item_id).department_id,
                                    question="需要带原件吗?", asker_name="张三", asker_contact="13800138000"))
        db.session.commit()
        item = db.session.get(Item, item_id)
        item.name = item.name                                 # set to the same value: not a change
        db.session.commit()
    assert counter(app) == before


def test_one_bump_per_transaction_whatever_its_size(app, item_id):
    before = counter(app)
    with app.app_context():
        for n in range(3):
            db.session.add(Department(code=f"11610424MB00001{n:02d}X", name=f"测试部门{n}"))
            db.session.flush()
        db.session.get(Item, item_id).online = False
        db.session.commit()
    assert counter(app) == before + 1


@pytest.mark.parametrize("name", ["catalogue", "another"])
def test_bump_in_a_core_transaction(app, name):
    before = counter(app) if name == "catalogue" else 0
    with app.app_context():
        with db.engine.begin() as connection:
            change_tracking.bump(connection, name)
        assert change_tracking.current(db.engine, name) == before + 1


def slow_from_now_on(app, monkeypatch):
    """Every reload after the next (first) load counts as slow."""
    monkeypatch.setitem(app.config, "YIWANG_CATALOGUE_INLINE_SECONDS", 0)
    app.extensions.pop(catalogue_cache.KEY, None)   # the session's app holds an earlier test's snapshot


def settle(app):
    """Wait for the background reload under way, if any (it clears ``refresher`` or replaces the snapshot)."""
    refresher = app.extensions[catalogue_cache.KEY].refresher
    if refresher is not None:
        refresher.join(10)


def test_a_slow_catalogue_reloads_in_the_background(app, client, item_id, monkeypatch):
    """Past INLINE_SECONDS a reload runs off the request (catalogue_cache.py): the first visitors after a
    change get the previous snapshot without waiting, one reload runs, and then the change shows."""
    slow_from_now_on(app, monkeypatch)
    assert "共找到 1 个事项" in text(client.get("/zwfw/"))
    gate, loads, real_load = threading.Event(), [], catalogue_cache.load

    def slow_load():
        loads.append(1)
        gate.wait(10)
        return real_load()
    monkeypatch.setattr(catalogue_cache, "load", slow_load)
    with app.app_context():
        db.session.get(Item, item_id).online = False
        db.session.commit()
    assert "共找到 1 个事项" in text(client.get("/zwfw/"))   # served from the previous snapshot at once
    assert "共找到 1 个事项" in text(client.get("/zwfw/"))
    assert len(loads) == 1                                  # one reload for both requests
    gate.set()
    settle(app)
    assert "共找到 0 个事项" in text(client.get("/zwfw/"))
    assert len(loads) == 1


def test_a_failed_background_reload_is_tried_again(app, client, item_id, monkeypatch):
    slow_from_now_on(app, monkeypatch)
    client.get("/zwfw/")
    real_load, failures = catalogue_cache.load, []

    def failing_load():
        if not failures:
            failures.append(1)
            raise RuntimeError("database went away")
        return real_load()
    monkeypatch.setattr(catalogue_cache, "load", failing_load)
    with app.app_context():
        db.session.get(Item, item_id).online = False
        db.session.commit()
    assert "共找到 1 个事项" in text(client.get("/zwfw/"))
    settle(app)
    assert "共找到 1 个事项" in text(client.get("/zwfw/"))   # still the old snapshot; a new reload started
    settle(app)
    assert "共找到 0 个事项" in text(client.get("/zwfw/"))
