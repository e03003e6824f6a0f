"""The builder's item list: every item reachable page by page (none cut off at a fixed count), scoped to the
user's departments, searched in SQL, with crafted cursors refused quietly."""
import re

from runtime.extensions import db
from runtime.models import Item
from tests.conftest import login, logout
from tests.web.people import PASSWORD, build_world

from builder.item_list import PAGE_SIZE

EDITOR = re.compile(r'href="/builder/items/(\d+)(?:/edit)?"')


def _items(app, count):
    with app.app_context():
        world = build_world()
        rows = [Item(implementation_code=f"TEST{n:08d}", name=f"测试事项{n:04d}", department_id=world.dept_a.id,
                     task_type="01") for n in range(count)]
        db.session.add_all(rows)
        db.session.commit()
        return [r.id for r in rows], world.item_b


def _walk(client, url):
    seen = []
    while url:
        html = client.get(url).get_data(as_text=True)
        seen += [int(i) for i in EDITOR.findall(html)]
        link = re.search(r'<a href="([^"]+)" rel="next">', html)
        url = link.group(1).replace("&amp;", "&") if link else None
        assert len(seen) < 1000
    return seen, html


def test_every_item_is_listed_once_page_by_page(app, client):
    ids, item_b = _items(app, 2 * PAGE_SIZE + 3)
    login(client, "admin_a", PASSWORD)
    seen, last = _walk(client, "/builder/")
    assert set(ids) <= set(seen) and len(seen) == len(set(seen)) and item_b not in seen
    assert "已到列表末尾" in last
    logout(client)
    login(client, "sys", PASSWORD)
    everything, _ = _walk(client, "/builder/")
    assert set(ids) | {item_b} <= set(everything)


def test_search_and_cursor(app, client):
    ids, _ = _items(app, PAGE_SIZE + 3)
    login(client, "admin_a", PASSWORD)
    found, _ = _walk(client, "/builder/?q=测试事项0042")
    assert found == [ids[42]]
    assert _walk(client, "/builder/?q=%25")[0] == []
    for after in ("x", "~", "abc~名字", "9" * 300):
        assert client.get("/builder/", query_string={"after": after}).status_code == 200
