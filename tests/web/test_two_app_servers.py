"""Two app servers, two processes with instance folders of their own, one PostgreSQL: what is uploaded on one
is served by the other, and what is published on one is live on the other at once — the other's
caches (catalogue, compiled definitions, page shells) notice through the change counters. This is the
deployment README.md describes: N stateless servers sharing only the database (files in
YIWANG_FILE_STORE=postgresql) and Redis."""
from __future__ import annotations

import copy
import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests
from sqlalchemy import select

from runtime.extensions import db
from runtime.models import Application, ApplicationFile
from runtime.portal.drafts import next_number, record_status
from runtime.models.timestamps import utcnow
from tests.conftest import DB_KIND
from tests.fixtures.hostile_pdf import pdf_with_script
from tests.security.conftest import PDF, actors, make_application, token_of  # noqa: F401
from tests.web.people import PASSWORD

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.skipif(DB_KIND != "postgresql", reason="app servers share a PostgreSQL database")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def servers(app, database_url, tmp_path):
    """Servers A and B: gunicorn processes, each with its own instance folder and local storage folder."""
    procs, bases, logs = [], {}, []
    for name in ("a", "b"):
        port = _free_port()
        folder = tmp_path / name
        folder.mkdir()
        logs.append((folder / "server.log").open("wb"))
        env = {**os.environ, "DATABASE_URL": database_url, "SECRET_KEY": "two-servers-secret-" + "z" * 32,
               "YIWANG_FILE_STORE": "postgresql", "YIWANG_INSTANCE_DIR": str(folder),
               "YIWANG_STORAGE_DIR": str(folder / "files")}
        procs.append(subprocess.Popen([sys.executable, "-m", "gunicorn", "-w", "1", "-b", f"127.0.0.1:{port}",
                                       "app:create_app()"], cwd=ROOT, env=env,
                                      stdout=subprocess.DEVNULL, stderr=logs[-1]))
        bases[name] = f"http://127.0.0.1:{port}"
    try:
        for base in bases.values():
            _wait(base)
        yield bases
    finally:
        for proc in procs:
            proc.terminate()
        for proc in procs:
            proc.wait(30)
        for log in logs:
            log.close()
    for name in ("a", "b"):   # nothing reached either server's disk
        assert not (tmp_path / name / "files").exists()


def _wait(base: str) -> None:
    deadline = time.monotonic() + 120   # a busy machine starts a worker slowly
    while time.monotonic() < deadline:
        try:
            if requests.get(base + "/zwfw/", timeout=30).status_code == 200:
                return
        except requests.RequestException:
            time.sleep(0.3)
    raise AssertionError(f"{base} did not start")


def _signed_in(base: str, username: str) -> requests.Session:
    session = requests.Session()
    token = token_of(session.get(base + "/login/").text)
    reply = session.post(base + "/login/", data={"username": username, "password": PASSWORD, "csrf_token": token},
                         allow_redirects=False)
    assert reply.status_code == 302, f"{username} could not sign in"
    return session


def test_a_file_uploaded_and_an_item_published_on_one_server_are_live_on_the_other(app, servers, actors):  # noqa: F811
    a, b = servers["a"], servers["b"]
    item = actors.item_a
    guide = requests.get(f"{b}/zwfw/items/{item}")
    old_name = re.search(r"<h1[^>]*>([^<]+)</h1>", guide.text).group(1).strip()
    assert old_name in requests.get(f"{b}/zwfw/", params={"q": old_name}).text   # B's caches are warm now

    # On A, the department's administrator uploads a blank form, renames the item and publishes it.
    admin = _signed_in(a, "admin_a")
    csrf = {"X-CSRFToken": token_of(admin.get(f"{a}/builder/").text)}
    ref = admin.post(f"{a}/builder/api/items/{item}/files", headers=csrf,
                     files={"file": ("申请表.pdf", PDF, "application/pdf")}).json()
    draft = admin.get(f"{a}/builder/api/items/{item}/draft").json()
    doc = copy.deepcopy(draft["definition"])
    doc["catalogue"]["name"] = "个体工商户登记(两台服务器)"
    doc["guide"]["downloads"][0]["file"] = {"name": ref["name"], "sha256": ref["sha256"]}
    saved = admin.put(f"{a}/builder/api/items/{item}/draft", headers=csrf,
                      json={"definition": doc, "lock_version": draft["lock_version"]})
    assert saved.status_code == 200, saved.text
    published = admin.post(f"{a}/builder/api/items/{item}/publish", headers=csrf,
                           json={"lock_version": saved.json()["lock_version"]})
    assert published.status_code == 200, published.text

    # B shows the new version at once, in the guide and in the catalogue search, and serves the form.
    assert "个体工商户登记(两台服务器)" in requests.get(f"{b}/zwfw/items/{item}").text
    assert f"/zwfw/items/{item}" in requests.get(f"{b}/zwfw/", params={"q": "两台服务器"}).text
    form = requests.get(f"{b}/zwfw/items/{item}/files/{ref['sha256']}")
    assert form.status_code == 200 and form.content == PDF and form.headers["Content-Type"] == "application/pdf"
    assert form.headers["Content-Disposition"].startswith("attachment") and \
        form.headers["X-Content-Type-Options"] == "nosniff"

    # A citizen's material uploaded on A: B's clerk downloads it and sees its pages, with the same headers.
    with app.app_context():
        application_id, token = make_application(item, status="draft", materials={})
    url = f"{a}/zwfw/a/{token}/materials"
    citizen, scan = requests.Session(), pdf_with_script(pages=1)
    uploaded = citizen.post(url, data={"material": "application_form", "csrf_token": token_of(citizen.get(url).text)},
                            files={"files": ("营业执照.pdf", scan)}, allow_redirects=False)
    assert uploaded.status_code == 302, uploaded.text
    with app.app_context():
        _submit(application_id)
        file_id = db.session.scalar(select(ApplicationFile.id).where(ApplicationFile.application_id == application_id))
    clerk = _signed_in(b, "clerk_a")
    material = clerk.get(f"{b}/clerk/files/{file_id}")
    assert material.status_code == 200 and material.content == scan
    assert material.headers["Content-Type"] == "application/pdf" and material.headers["Content-Disposition"] == "attachment"
    assert material.headers["X-Content-Type-Options"] == "nosniff"
    page = clerk.get(f"{b}/clerk/files/{file_id}/pages/1.png")
    assert page.status_code == 200 and page.content.startswith(b"\x89PNG")


def _submit(application_id: int) -> None:
    """The draft moves to 已提交 as submitting it would (the files are what this test is about)."""
    application = db.session.get(Application, application_id)
    application.number = next_number(application)
    application.submitted_at = utcnow()
    record_status(application, "draft", "submitted", "测试")
    db.session.commit()
