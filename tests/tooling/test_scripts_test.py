"""scripts/test, the README's test command (issue #17 §7): both phases always run, the summary names both,
and the exit status is non-zero when either failed; a PostgreSQL phase that selects nothing (arguments with
no database test, e.g. tests/engine) is not a failure, a SQLite phase that selects nothing is.

The script runs in a scratch copy whose scripts/setup does nothing and whose .venv/bin/python is a stub
that answers each phase with the exit code the test chooses, records the pytest arguments and finds no
PostgreSQL server when the script probes for one."""
import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
STUB = """#!/usr/bin/env bash
if [ "$1" = - ]; then echo "no server answers on 127.0.0.1:5432"; exit 1; fi   # the script's server probe
echo "$YIWANG_TEST_DB $*" >> "$STUB_LOG"
if [ "$YIWANG_TEST_DB" = postgresql ]; then exit "$PG_RC"; else exit "$SQLITE_RC"; fi
"""


def run_script(tmp_path, sqlite_rc, pg_rc, *args, database_url="postgresql+psycopg://u@127.0.0.1:1/x"):
    (tmp_path / "scripts").mkdir()
    shutil.copy(ROOT / "scripts/test", tmp_path / "scripts/test")
    (tmp_path / "scripts/setup").write_text("exit 0\n")
    python = tmp_path / ".venv/bin/python"
    python.parent.mkdir(parents=True)
    python.write_text(STUB)
    python.chmod(0o755)
    env = {k: v for k, v in os.environ.items() if k not in ("TEST_DATABASE_URL", "YIWANG_TEST_DB")}
    env.update(SQLITE_RC=str(sqlite_rc), PG_RC=str(pg_rc), STUB_LOG=str(tmp_path / "calls"))
    if database_url:
        env["TEST_DATABASE_URL"] = database_url
    done = subprocess.run(["bash", str(tmp_path / "scripts/test"), *args], env=env, capture_output=True, text=True,
                          timeout=60)
    calls = (tmp_path / "calls").read_text().splitlines() if (tmp_path / "calls").exists() else []
    return done.returncode, done.stdout, calls


@pytest.mark.parametrize("sqlite_rc, pg_rc, ok, words", [
    (0, 0, True, ["SQLite:     passed", "PostgreSQL: passed"]),
    (1, 0, False, ["SQLite:     FAILED (pytest exit 1)", "PostgreSQL: passed"]),   # the PG phase still runs
    (0, 1, False, ["SQLite:     passed", "PostgreSQL: FAILED (pytest exit 1)"]),
    (0, 5, True, ["PostgreSQL: no tests selected"]),                                 # bash scripts/test tests/engine
    (5, 5, False, ["SQLite:     FAILED (no tests selected)"]),
])
def test_both_phases_run_and_both_are_reported(tmp_path, sqlite_rc, pg_rc, ok, words):
    rc, out, calls = run_script(tmp_path, sqlite_rc, pg_rc, "tests/engine", "-x")
    assert (rc == 0) is ok, out
    for word in words:
        assert word in out, out
    assert calls == ["sqlite -m pytest -q tests/engine -x", "postgresql -m pytest -q -m db tests/engine -x"]


def test_without_a_server_the_postgresql_phase_is_reported_as_skipped(tmp_path):
    rc, out, calls = run_script(tmp_path, 0, 1, database_url=None)
    assert rc == 0 and "PostgreSQL: skipped (no server answers on 127.0.0.1:5432)" in out
    assert [c for c in calls if c.startswith("postgresql")] == []
