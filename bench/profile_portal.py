"""In-process cost of the portal pages bench_portal.py drives, without gunicorn: the same requests
through Flask's test client (no cookies kept, like the bench clients), CPU time per request (best of
many short rounds, interleaved with the bare page so a busy machine hits all alike), and optionally
a cProfile listing of where one page's time goes.

Usage: .venv/bin/python bench/profile_portal.py [--rounds 40] [--profile step|catalogue] [--lines 40]
"""
from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def per_request_ms(client, path: str, n: int) -> float:
    start = time.process_time()
    for _ in range(n):
        client.get(path)
    return (time.process_time() - start) / n * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=40)
    parser.add_argument("--profile", choices=("step", "catalogue"))
    parser.add_argument("--lines", type=int, default=40)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        env = {"DATABASE_URL": f"sqlite:///{tmp}/bench.db", "YIWANG_STORAGE_DIR": f"{tmp}/files",
               "SECRET_KEY": "bench-secret-key-0123456789abcdef0123456789"}
        os.environ.update(env)
        from bench.bench_portal import prepare
        step_url = prepare({**os.environ})
        from app import create_app
        from bench.bare_app import app as bare
        app = create_app()
        targets = {"bare": (bare.test_client(use_cookies=False), "/", 100),
                   "catalogue": (app.test_client(use_cookies=False), "/zwfw/", 10),
                   "step": (app.test_client(use_cookies=False), step_url, 10)}
        for client, path, _n in targets.values():
            for _ in range(30):
                assert client.get(path).status_code == 200
        best = {name: float("inf") for name in targets}
        for _ in range(args.rounds):
            for name, (client, path, n) in targets.items():
                best[name] = min(best[name], per_request_ms(client, path, n))
        for name, ms in best.items():
            print(f"{name:10} {ms:6.3f} ms CPU per request   {ms / best['bare']:5.1f} x bare")
        if args.profile:
            client, path, _n = targets[args.profile]
            profiler = cProfile.Profile()
            profiler.enable()
            for _ in range(200):
                client.get(path)
            profiler.disable()
            pstats.Stats(profiler).sort_stats(os.environ.get("PROFILE_SORT", "cumulative")).print_stats(args.lines)
    return 0


if __name__ == "__main__":
    sys.exit(main())
