"""结果反馈: status by application number + ID number, masked, rate-limited."""
import pytest

from runtime.extensions import db
from runtime.models import Application, ItemVersion
from runtime.portal.drafts import record_status
from tests.portal.conftest import VALID_ID, post_form


@pytest.fixture
def number(app, item_id):
    with app.app_context():
        version = db.session.query(ItemVersion).filter_by(item_id=item_id).one()
        application = Application(item_version_id=version.id, department_id=version.item.department_id,
                                  applicant={"name": "张三", "id_number": VALID_ID}, answers={}, materials={},
                                  number="20261124-0001-0001")
        db.session.add(application)
        record_status(application, None, "submitted", "已提交")
        db.session.commit()
        return application.number


@pytest.fixture(autouse=True)
def fresh_limits(app, monkeypatch):
    app.extensions.pop("yiwang_rate_limiter", None)
    yield
    app.extensions.pop("yiwang_rate_limiter", None)


def test_found_with_masked_id(client, number):
    response = post_form(client, "/zwfw/status", {"number": number, "identity": VALID_ID.lower()})
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "个体工商户登记" in page and "已提交,等待受理" in page and "110***********002X" in page
    assert VALID_ID not in page


@pytest.mark.parametrize("identity", ["", "110105194912310021", "91350100M000100Y43"])
def test_wrong_id_looks_like_unknown_number(client, number, identity):
    wrong = post_form(client, "/zwfw/status", {"number": number, "identity": identity})
    unknown = post_form(client, "/zwfw/status", {"number": "20990101-0001-0001", "identity": VALID_ID})
    assert wrong.status_code == unknown.status_code == 404
    assert "未找到与该编号和证件号码相符的申请" in wrong.get_data(as_text=True)


def test_lookups_are_rate_limited(app, client, number, monkeypatch):
    monkeypatch.setitem(app.config, "YIWANG_STATUS_RATE_LIMIT", "3/minute")
    codes = [post_form(client, "/zwfw/status", {"number": number, "identity": "x"}).status_code for _ in range(4)]
    assert codes == [404, 404, 404, 429]
    limited = post_form(client, "/zwfw/status", {"number": number, "identity": VALID_ID})
    assert limited.status_code == 429 and "查询过于频繁" in limited.get_data(as_text=True)
