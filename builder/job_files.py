"""Import jobs without Redis: each runs in a thread of the web process that took the upload, and keeps its
state in files of the instance folder, which every web process of this instance reads — so the page can
land on any gunicorn worker.

``<YIWANG_JOBS_DIR>/<job id>/`` (default ``instance/jobs/``) holds ``owner`` (the user's id, written last
at the start, atomically), ``events.jsonl`` (the event log, one JSON object a line, appended; a line not yet
ended by a newline is not read), ``result.pickle`` (the page context of the result, written atomically
before the final event) and ``beat``, touched every ``BEAT_S`` while the job waits or runs. A job not
finished whose beat is older than ``YIWANG_JOB_STALE_SECONDS`` lost its process (a restart, a crash, the
out-of-memory killer) and is reported failed, as on RQ.

One import at a time on the instance: a job holds an exclusive ``flock`` on ``import.lock`` while it runs
(released by the kernel if its process dies); another waits for it, beating. Job ids are 32 lowercase hex
digits, checked before any path is made of them. A job folder is removed ``KEEP_S`` after its last beat,
by the next job started.
"""
from __future__ import annotations

import fcntl
import json
import os
import pickle
import shutil
import threading
import time
import uuid
from pathlib import Path

from flask import Flask

from .import_jobs import BEAT_S, JOB_ID, KEEP_S, JobInfo, died_message, run_steps, stale_seconds

OWNER, EVENTS, RESULT, BEAT, LOCK = "owner", "events.jsonl", "result.pickle", "beat", "import.lock"


def _write_atomically(path: Path, data: bytes) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


class _FileSink:
    def __init__(self, folder: Path):
        self.folder, self.done = folder, False
        self.log = open(folder / EVENTS, "ab", buffering=0)   # one write(2) per event, appended

    def event(self, event: dict) -> None:
        self.log.write((json.dumps(event, ensure_ascii=False) + "\n").encode())
        self.done = self.done or "phase" not in event

    def result(self, render: dict) -> None:
        _write_atomically(self.folder / RESULT, pickle.dumps(render))


def _beat(path: Path, stop: threading.Event) -> None:
    while not stop.wait(BEAT_S):
        path.touch()


def _last_line(path: Path) -> bytes | None:
    """The last complete line of a file, reading only its tail."""
    try:
        with open(path, "rb") as f:
            size, block = f.seek(0, os.SEEK_END), 4096
            while True:
                start = max(0, size - block)
                f.seek(start)
                data = f.read(size - start)
                data = data[:data.rfind(b"\n") + 1].rstrip(b"\n")   # a line being written is not read
                if b"\n" in data or start == 0:
                    return data.rsplit(b"\n", 1)[-1] or None
                block *= 8
    except FileNotFoundError:
        return None


class FileJobs:
    """Jobs in threads of the web processes, their state in files every process of the instance shares."""

    def __init__(self, app: Flask, root: str | Path):
        self.app, self.root = app, Path(root)
        self.read_at: dict[str, tuple[int, int]] = {}   # job id -> (events read, bytes read): streams read on

    def folder(self, job_id: str) -> Path | None:
        return self.root / job_id if isinstance(job_id, str) and JOB_ID.fullmatch(job_id) else None

    def start(self, step: str, params: dict) -> str:
        self.root.mkdir(mode=0o700, parents=True, exist_ok=True)
        self.sweep()
        job_id = uuid.uuid4().hex
        folder = self.root / job_id
        folder.mkdir(mode=0o700)
        (folder / BEAT).touch()
        (folder / EVENTS).touch()
        _write_atomically(folder / OWNER, str(int(params["user_id"])).encode())
        threading.Thread(target=self._run, args=(folder, step, params), daemon=True,
                         name=f"import-{job_id[:8]}").start()
        return job_id

    def _run(self, folder: Path, step: str, params: dict) -> None:
        stop = threading.Event()
        threading.Thread(target=_beat, args=(folder / BEAT, stop), daemon=True).start()
        try:
            with open(self.root / LOCK, "ab") as lock, self.app.app_context():
                fcntl.flock(lock, fcntl.LOCK_EX)   # one import at a time on this instance, across processes
                sink = _FileSink(folder)
                try:
                    run_steps(sink, step, params)
                except Exception:  # noqa: BLE001 - the steps report their own errors; this is a bug: say so
                    self.app.logger.exception("import job failed")
                if not sink.done:
                    sink.event(died_message())
                sink.log.close()
                from runtime.extensions import db
                db.session.remove()
        finally:
            stop.set()
            (folder / BEAT).touch()   # KEEP_S counts from the end

    def sweep(self) -> None:
        """Remove the folders of jobs whose last beat is older than KEEP_S (finished, or their process died)."""
        now = time.time()
        for folder in self.root.iterdir():
            if not JOB_ID.fullmatch(folder.name):
                continue
            try:
                last = max(p.stat().st_mtime for p in (folder, folder / BEAT) if p.exists())
            except (OSError, ValueError):
                continue
            if now - last > KEEP_S:
                shutil.rmtree(folder, ignore_errors=True)

    def events(self, job_id: str, after: int) -> list[dict]:
        folder = self.folder(job_id)
        if folder is None:
            return []
        index, offset = self.read_at.get(job_id, (0, 0))
        if index > after:
            index, offset = 0, 0
        try:
            with open(folder / EVENTS, "rb") as f:
                f.seek(offset)
                data = f.read()
        except FileNotFoundError:
            return []
        data = data[:data.rfind(b"\n") + 1]                   # a line being written is read next time
        lines = data.splitlines()
        if len(self.read_at) > 256:
            self.read_at.clear()
        self.read_at[job_id] = (index + len(lines), offset + len(data))
        return [json.loads(line) for line in lines[after - index:]]

    def result(self, job_id: str) -> dict | None:
        folder = self.folder(job_id)
        try:
            data = (folder / RESULT).read_bytes() if folder else None
        except FileNotFoundError:
            return None
        return pickle.loads(data) if data else None   # written by our own job into the instance folder

    def info(self, job_id: str) -> JobInfo | None:
        folder = self.folder(job_id)
        try:
            owner = int((folder / OWNER).read_text()) if folder else None
        except (FileNotFoundError, ValueError):
            return None
        if owner is None:
            return None
        last = _last_line(folder / EVENTS)
        finished = last is not None and "phase" not in json.loads(last)
        failure = None
        if not finished:
            try:
                beat = (folder / BEAT).stat().st_mtime
            except FileNotFoundError:
                beat = 0.0
            if time.time() - beat > stale_seconds():
                failure = died_message()
        return JobInfo(owner, finished, failure)
