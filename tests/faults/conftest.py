"""Fault tests: the real app under gunicorn on a temporary database — SQLite by default, a schema of
its own in TEST_DATABASE_URL when YIWANG_TEST_DB=postgresql — killed with SIGKILL at chosen moments.
Select them with ``-m faults``."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from tests.faults.server import ROOT, AppServer, server_env

DB_KIND = os.environ.get("YIWANG_TEST_DB", "sqlite")
SCHEMA = "faults"  # PostgreSQL: apart from the schema the rest of the suite resets


@pytest.fixture(scope="session")
def fault_folder(tmp_path_factory):
    return tmp_path_factory.mktemp("faults")


@pytest.fixture(scope="session")
def fault_database(fault_folder) -> str:
    if DB_KIND != "postgresql":
        return f"sqlite:///{fault_folder / 'faults.db'}"
    url = os.environ.get("TEST_DATABASE_URL")
    if not url:
        pytest.skip("PostgreSQL fault tests need TEST_DATABASE_URL")
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE"))
        conn.execute(text(f"CREATE SCHEMA {SCHEMA}"))
    engine.dispose()
    return make_url(url).update_query_dict({"options": f"-csearch_path={SCHEMA}"}) \
        .render_as_string(hide_password=False)


def prepare(database_url: str, folder, drafts: int = 0) -> dict:
    out = subprocess.run([sys.executable, "-m", "tests.faults.prepare", "--drafts", str(drafts)], cwd=ROOT,
                         env=server_env(database_url, folder), capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-3000:]
    return json.loads(out.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="session")
def world(fault_database, fault_folder) -> dict:
    return prepare(fault_database, fault_folder)


@pytest.fixture(scope="session")
def engine(fault_database, world):
    engine = create_engine(fault_database)
    yield engine
    engine.dispose()


@pytest.fixture(scope="session")
def _server(fault_database, fault_folder, world):
    server = AppServer(fault_database, fault_folder, workers=2)
    yield server
    server.stop()


@pytest.fixture
def server(_server) -> AppServer:
    """The running server; a test that killed it leaves it down, the next one starts it again."""
    if _server.proc is None:
        _server.start()
    return _server
