"""What one anonymous client may cost: drafts started, megabytes uploaded and questions sent per address
and hour, and what one draft may store; file names are normalised on upload."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from runtime.extensions import db
from runtime.models import Consultation
from tests.conftest import csrf_token
from tests.portal.conftest import item_id  # noqa: F401 - the published example item
from tests.security.conftest import PDF
from tests.security.test_uploads import _files_of, _upload, draft  # noqa: F401 - the draft fixture

OTHER = {"REMOTE_ADDR": "198.51.100.7"}


def start(client, item, **kw):
    page = client.get(f"/zwfw/items/{item}/apply", **kw)
    return client.post(f"/zwfw/items/{item}/start", data={"csrf_token": csrf_token(page.get_data(as_text=True))}, **kw)


def test_twenty_drafts_an_hour_per_address(app, client, item_id):  # noqa: F811
    for _ in range(20):
        assert start(client, item_id).status_code == 302
    refused = start(client, item_id)
    assert refused.status_code == 429 and "过去一小时内从您的网络发起的申请过多" in refused.get_data(as_text=True)
    assert start(app.test_client(), item_id, environ_base=OTHER).status_code == 302


def test_ten_questions_an_hour_per_address(app, client, item_id):  # noqa: F811
    url = f"/zwfw/items/{item_id}/consult"
    question = {"question": "请问需要带哪些材料?", "name": "张三", "contact": "13800000000"}

    def ask():
        return client.post(url, data={**question, "csrf_token": csrf_token(client.get(url).get_data(as_text=True))})
    for _ in range(10):
        assert ask().status_code == 302
    refused = ask()
    assert refused.status_code == 400 and "过去一小时内从您的网络提交的咨询过多" in refused.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Consultation)) == 10


def test_upload_megabytes_per_address(app, client, draft, monkeypatch):  # noqa: F811
    monkeypatch.setitem(app.config, "YIWANG_UPLOAD_MB_RATE_LIMIT", "2 per hour")
    app_id, url = draft
    assert "不是允许" not in _upload(client, url, PDF, "a.pdf").get_data(as_text=True)
    _upload(client, url, PDF + b"%1", "b.pdf")
    refused = _upload(client, url, PDF + b"%2", "c.pdf")
    assert "过去一小时内从您的网络上传的文件过多" in refused.get_data(as_text=True)
    assert [f.original_name for f in _files_of(app, app_id)] == ["a.pdf", "b.pdf"]


def test_one_draft_stores_at_most_its_quota(app, client, draft, monkeypatch):  # noqa: F811
    monkeypatch.setitem(app.config, "YIWANG_DRAFT_QUOTA_MB", 1)
    app_id, url = draft
    big = PDF + b"%" + b"0" * (600 * 1024)
    _upload(client, url, big, "first.pdf")
    refused = _upload(client, url, big + b"1", "second.pdf")
    assert "一份申请上传的文件合计不能超过 1 MB" in refused.get_data(as_text=True)
    assert [f.original_name for f in _files_of(app, app_id)] == ["first.pdf"]


@pytest.mark.parametrize("name,shown", [("invoice\u202efdp.exe", "invoicefdp.exe"),
                                        ("scan\x00.pdf", "scan.pdf"),
                                        ("a\u200b\u2066b\u2069.pdf", "ab.pdf"),
                                        ("../../etc/passwd", ".._.._etc_passwd"),
                                        ("\u202e\x00", "file"),
                                        ("身份证 \u3000 正面.pdf", "身份证 正面.pdf")])
def test_file_names_are_normalised_on_upload(app, client, draft, name, shown):  # noqa: F811
    app_id, url = draft
    _upload(client, url, PDF, name)
    assert [f.original_name for f in _files_of(app, app_id)] == [shown]
