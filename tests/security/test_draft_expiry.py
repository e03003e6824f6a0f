"""Drafts nobody comes back to are deleted after the documented period by ``flask files sweep``, and
their uploaded files with them; submitted applications and recent drafts stay; the applicant is told."""
from __future__ import annotations

import os
import time
from datetime import timedelta
from pathlib import Path

from sqlalchemy import select, update

from runtime.extensions import db
from runtime.models import Application, ApplicationFile, AuditEvent, StoredFile
from runtime.models.timestamps import utcnow
from tests.conftest import csrf_token
from tests.portal.conftest import item_id  # noqa: F401 - the published example item
from tests.security.conftest import PDF, make_application
from tests.security.test_uploads import _upload


def age_application(app_id: int, days: float):
    db.session.execute(update(Application).where(Application.id == app_id)
                       .values(updated_at=utcnow() - timedelta(days=days)))
    db.session.commit()


def test_an_untouched_draft_and_its_files_go_after_30_days(app, client, actors, tmp_path, monkeypatch):
    monkeypatch.setitem(app.config, "YIWANG_STORAGE_DIR", str(tmp_path / "files"))
    with app.app_context():
        old_id, old_token = make_application(actors.item_a, status="draft", materials={})
        recent_id, _ = make_application(actors.item_a, status="draft", materials={})
        submitted_id, _ = make_application(actors.item_a, status="submitted")
    _upload(client, f"/zwfw/a/{old_token}/materials", PDF + b"% expiring", "scan.pdf")
    with app.app_context():
        [row] = db.session.get(Application, old_id).files
        sha = row.stored_file.sha256
        age_application(old_id, 31)
        age_application(recent_id, 29)
        age_application(submitted_id, 400)
        db.session.execute(update(StoredFile).values(created_at=utcnow() - timedelta(days=31)))
        db.session.commit()
    for path in Path(tmp_path / "files").rglob("*"):
        if path.is_file():
            os.utime(path, (time.time() - 31 * 86400,) * 2)

    runner = app.test_cli_runner()
    dry = runner.invoke(args=["files", "sweep", "--dry-run"])
    assert "将删除从未提交且 30 天未修改的申请 1 份" in dry.output
    done = runner.invoke(args=["files", "sweep"])
    assert done.exit_code == 0 and "已删除从未提交且 30 天未修改的申请 1 份" in done.output, done.output
    with app.app_context():
        assert db.session.get(Application, old_id) is None
        assert db.session.get(Application, recent_id) is not None
        assert db.session.get(Application, submitted_id) is not None
        assert db.session.scalar(select(ApplicationFile).where(ApplicationFile.application_id == old_id)) is None
        assert db.session.scalar(select(StoredFile).where(StoredFile.sha256 == sha)) is None
        assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "expire")).summary == \
            "删除超过 30 天未修改的未提交申请 1 份"
    assert not any(p.name == sha for p in Path(tmp_path / "files").rglob("*"))
    assert client.get(f"/zwfw/a/{old_token}/applicant").status_code == 404


def test_the_applicant_is_told_when_starting(app, client, item_id):  # noqa: F811
    page = client.get(f"/zwfw/items/{item_id}/apply")
    started = client.post(f"/zwfw/items/{item_id}/start", data={"csrf_token": csrf_token(page.get_data(as_text=True))},
                          follow_redirects=True)
    assert "未提交的申请在最后一次修改 30 天后将被删除。" in started.get_data(as_text=True)
