"""Citizen form page throughput under gunicorn against a bare Flask page in the same run.

Serves the real app (SQLite, example items) and bench/bare_app.py with the same gunicorn settings,
drives each with concurrent keep-alive clients, and prints requests/second and the ratio.
The targets are measured in turn for several rounds (all servers stay up, idle when not driven) and
each target's median is used, so a shift in the load of a shared machine hits all of them alike.
Goal (issue #4): the application step page reaches ≥ 50 % of the bare page. Exits 1 if missed.

Usage: .venv/bin/python bench/bench_portal.py [--seconds 5] [--rounds 3] [--clients 8] [--workers 2]
"""
from __future__ import annotations

import argparse
import http.client
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY = str(ROOT / ".venv" / "bin" / "python")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(target: str, env: dict, workers: int) -> tuple[subprocess.Popen, int]:
    port = free_port()
    proc = subprocess.Popen([str(ROOT / ".venv/bin/gunicorn"), "-w", str(workers), "-b", f"127.0.0.1:{port}",
                             "--log-level", "warning", target], cwd=ROOT, env=env)
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return proc, port
        except OSError:
            time.sleep(0.1)
    proc.kill()
    raise RuntimeError(f"{target} did not start")


def hammer(port: int, path: str, seconds: float, clients: int) -> float:
    counts, errors, stop = [0] * clients, [], time.perf_counter() + seconds

    def run(i):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        while time.perf_counter() < stop:
            conn.request("GET", path)
            response = conn.getresponse()
            response.read()
            if response.status != 200:
                errors.append(response.status)
                return
            counts[i] += 1
        conn.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(clients)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        raise RuntimeError(f"{path}: HTTP {errors[0]}")
    return sum(counts) / (time.perf_counter() - start)


def interleaved(targets: dict[str, tuple[int, str]], rounds: int, seconds: float, clients: int) -> dict[str, list]:
    """Requests/second of each target (name → (port, path)), measured in turn for ``rounds`` rounds
    after a warm-up, so a shift in the load of a shared machine hits every target alike."""
    for port, path in targets.values():
        hammer(port, path, 1, clients)
    rates = {name: [] for name in targets}
    for _ in range(rounds):
        for name, (port, path) in targets.items():
            rates[name].append(hammer(port, path, seconds, clients))
    return rates


def prepare(env: dict) -> str:
    """Initialise the database with the example items and open one draft; returns its step URL."""
    subprocess.run([str(ROOT / ".venv/bin/flask"), "--app", "app", "yiwang", "demo"], cwd=ROOT, env=env,
                   check=True, capture_output=True)
    code = ("from app import create_app\nfrom runtime.extensions import db\nfrom runtime.models import ItemVersion\n"
            "from runtime.portal.drafts import create_draft\napp = create_app()\nwith app.app_context():\n"
            "    version = [v for v in db.session.query(ItemVersion) if v.definition['catalogue']['name'] == '个体工商户登记'][0]\n    _, token = create_draft(version)\n"
            "    db.session.commit()\n    print(token)\n")
    token = subprocess.run([PY, "-c", code], cwd=ROOT, env=env, check=True, capture_output=True, text=True)
    return f"/zwfw/a/{token.stdout.strip().splitlines()[-1]}/step_operator"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5, help="per target and round")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp}/bench.db", "YIWANG_STORAGE_DIR": f"{tmp}/files",
               "SECRET_KEY": "bench-secret-key-0123456789abcdef0123456789"}
        step_url = prepare(env)
        targets = (("bare Flask page", "bench.bare_app:app", "/"), ("catalogue page", "app:create_app()", "/zwfw/"),
                   ("application step", "app:create_app()", step_url))
        servers = {}
        try:
            for name, target, _path in targets:
                servers[name] = serve(target, env, args.workers)
            rates = interleaved({name: (servers[name][1], path) for name, _target, path in targets},
                                args.rounds, args.seconds, args.clients)
        finally:
            for proc, _port in servers.values():
                proc.terminate()
                proc.wait(10)
    results = {name: statistics.median(values) for name, values in rates.items()}
    base = results["bare Flask page"]
    for name, rate in results.items():
        spread = " / ".join(f"{r:.0f}" for r in rates[name])
        print(f"{name:18} {rate:8.0f} req/s   {rate / base * 100:5.1f} % of bare   (rounds: {spread})")
    ratio = results["application step"] / base
    if ratio < 0.5:
        print(f"TARGET MISSED: application step at {ratio * 100:.1f} % of the bare page (goal ≥ 50 %)")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
