"""Start the app under gunicorn on a free loopback port, kill it with SIGKILL (the whole process
group: master and workers, like a power cut of the server), start it again on the same database."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SECRET = "fault-tests-secret-key-0123456789abcdef0123"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def server_env(database_url: str, folder: Path) -> dict:
    return {**os.environ, "DATABASE_URL": database_url, "YIWANG_STORAGE_DIR": str(folder / "files"),
            "YIWANG_INSTANCE_DIR": str(folder / "instance"), "YIWANG_FAULT_CONTROL": str(folder / "control"),
            "SECRET_KEY": SECRET, "PYTHONPATH": str(ROOT),
            "YIWANG_JOB_STALE_SECONDS": "8"}   # an import job killed with the server is reported failed soon


class AppServer:
    def __init__(self, database_url: str, folder: Path, workers: int = 2):
        self.env, self.folder, self.workers = server_env(database_url, folder), folder, workers
        self.control = folder / "control"
        self.control.mkdir(parents=True, exist_ok=True)
        self.proc: subprocess.Popen | None = None
        self.port = 0

    @property
    def storage(self) -> Path:
        return Path(self.env["YIWANG_STORAGE_DIR"])

    def start(self) -> "AppServer":
        """Start (again) on the same port, so the test's browsers keep talking to it."""
        self.port = self.port or free_port()
        self.proc = subprocess.Popen(
            [str(ROOT / ".venv/bin/gunicorn"), "-w", str(self.workers), "-b", f"127.0.0.1:{self.port}",
             "--preload", "--timeout", "120", "--graceful-timeout", "3", "--log-level", "warning", "tests.faults.faulty_app:app"],
            cwd=ROOT, env=self.env, start_new_session=True)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError("the app server exited at start")
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return self
            except OSError:
                time.sleep(0.1)
        self.kill()
        raise RuntimeError("the app server did not start within 60 s")

    def pause(self, endpoint: str, seconds: float = 60) -> None:
        """The next request of ``endpoint`` stops after its flush, before its commit."""
        (self.control / "paused").unlink(missing_ok=True)
        (self.control / "pause").write_text(f"{endpoint} {seconds}")

    def wait_paused(self, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while not (self.control / "paused").exists():
            assert time.monotonic() < deadline, "the request never reached its commit"
            time.sleep(0.02)

    def kill(self) -> None:
        """SIGKILL to the server's own process group (only processes this harness started)."""
        if self.proc is None:
            return
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.proc.wait(10)
        self._wait_gone(self.proc.pid)
        self.proc = None
        (self.control / "pause").unlink(missing_ok=True)

    def _wait_gone(self, group: int) -> None:
        """Workers die just after the master and hold the listening socket until they do: a restart
        before that would be answered by a dying worker."""
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                os.killpg(group, 0)
            except ProcessLookupError:
                break
            time.sleep(0.05)
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                time.sleep(0.05)
            except OSError:
                return

    def stop(self) -> None:
        if self.proc is None:
            return
        os.killpg(self.proc.pid, signal.SIGTERM)
        try:
            self.proc.wait(15)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(10)
        self._wait_gone(self.proc.pid)
        self.proc = None
