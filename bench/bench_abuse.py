"""Normal traffic's latency while hostile clients hammer the app (issue #21), on loopback only.

Serves the real app under gunicorn (SQLite, example items) and measures, for ``--normal`` clients
reading the catalogue and an application step page, the latency of every request: alone; in a crowd
of as many more *normal* clients as there will be hostile ones (the baseline: what that many clients
cost when they are well-behaved); and with ``--hostile`` clients (50 in all by default) sending what
the abuse limits refuse —
API logins with wrong passwords (refused with 429 after a few), unbalanced rison (``q=((((((``),
crafted list parameters, forged posts without a CSRF token, and bodies of twice the public body limit
(2 MB, refused from their Content-Length; bigger ones only cost the sender, who shares this machine's
two cores on loopback). Bounded: each phase
runs ``--seconds`` and every client one request at a time. Prints p50/p95 of normal traffic in both
phases and what the hostile requests got; exits 1 on any 5xx or when the normal p95 under attack is
above 1.5× the p95 in the crowd: hostile requests must cost no more than normal ones. (Against a flood
of any kind, a few sync workers queue every client alike: per-address limits at the reverse proxy,
e.g. nginx ``limit_req``, keep volume away; the app makes sure no refused request is expensive.)

With ``--json`` the last line is the rows bench/run_all.py tabulates.

Usage: .venv/bin/python bench/bench_abuse.py [--seconds 5] [--normal 10] [--hostile 40] [--workers 2] [--json]
"""
from __future__ import annotations

import argparse
import functools
import http.client
import json
import multiprocessing
import os
import statistics
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.bench_portal import prepare, serve  # noqa: E402

BIG = b"x" * (2 * 1024 * 1024)


def normal_requests(step_url: str):
    while True:
        yield "GET", "/zwfw/", None, {}
        yield "GET", step_url, None, {}


def hostile_requests(n: int):
    login = json.dumps({"username": f"admin{n % 3}", "password": "guess", "provider": "db"}).encode()
    while True:
        yield "POST", "/api/v1/security/login", login, {"Content-Type": "application/json"}
        yield "GET", "/api/v1/item/?q=" + "(" * 2000, None, {}
        yield "GET", "/itemview/list/?psize_ItemView=abc&_oc_ItemView=__class__", None, {}
        yield "POST", "/zwfw/status", b"number=1&identity=2", {"Content-Type": "application/x-www-form-urlencoded"}
        yield "POST", "/zwfw/items/1/start", BIG, {"Content-Type": "application/octet-stream"}


def drive(port: int, requests, stop: float, latencies: list, statuses: Counter, pace: float = 0.0) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    for method, path, body, headers in requests:
        if time.time() >= stop:
            break
        started = time.perf_counter()
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            response.read()
            statuses[response.status] += 1
            if response.will_close:
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        except (OSError, http.client.HTTPException) as exc:
            statuses[type(exc).__name__] += 1
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            continue
        latencies.append(time.perf_counter() - started)
        if pace:
            time.sleep(pace)
    conn.close()


def _crowd(port, step_url, stop, count, hostile, pace, results) -> None:
    """``count`` more clients, in a process of their own, so that their work in the client (big bodies,
    many threads under one GIL) does not slow down the measured clients: only the server is shared."""
    latencies, statuses = [], Counter()
    threads = [threading.Thread(target=drive, args=(port, hostile_requests(i) if hostile else normal_requests(step_url),
                                                    stop, latencies, statuses, pace)) for i in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    results.put((latencies, dict(statuses)))


def server_cpu(proc) -> float:
    """CPU seconds the server's worker processes have used (gunicorn's children, from /proc)."""
    total = 0.0
    for task in Path(f"/proc/{proc.pid}/task").iterdir():
        for child in (task / "children").read_text().split():
            fields = Path(f"/proc/{child}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def phase(server, port, step_url, seconds, normal, others, hostile, pace):
    """``normal`` measured clients in this process, with ``others`` (hostile or not, each waiting ``pace``
    seconds between requests) in another one. Also returns the server's CPU seconds per request."""
    stop = time.time() + seconds
    normal_lat, normal_status = [], Counter()
    results = multiprocessing.Queue()
    crowd = multiprocessing.Process(target=_crowd, args=(port, step_url, stop, others, hostile, pace, results))
    cpu = server_cpu(server)
    if others:
        crowd.start()
    threads = [threading.Thread(target=drive, args=(port, normal_requests(step_url), stop, normal_lat, normal_status))
               for _ in range(normal)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    other_lat, other_status = results.get() if others else ([], {})
    if others:
        crowd.join()
    requests = sum(normal_status.values()) + sum(other_status.values())
    return normal_lat, normal_status, other_lat, Counter(other_status), (server_cpu(server) - cpu) / max(requests, 1)


def pct(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))] * 1000 if values else float("nan")


def _rows(args, crowd, attacked, ratio, bad: int) -> list[dict]:
    clients = f"{args.normal} normal + {args.hostile} hostile clients"
    return [
        {"measure": f"normal p95 latency under attack ({clients}) vs an equal crowd of normal clients",
         "ours": round(pct(attacked[0], 0.95), 1), "baseline": round(pct(crowd[0], 0.95), 1), "unit": "ms",
         "ratio": f"{ratio:.2f}×", "goal": "≤ 1.5×", "met": ratio <= 1.5},
        {"measure": "normal p50 latency under attack vs an equal crowd of normal clients",
         "ours": round(pct(attacked[0], 0.5), 1), "baseline": round(pct(crowd[0], 0.5), 1), "unit": "ms",
         "ratio": f"{pct(attacked[0], 0.5) / pct(crowd[0], 0.5):.2f}×", "goal": "≤ 1.5×",
         "met": pct(attacked[0], 0.5) / pct(crowd[0], 0.5) <= 1.5},
        {"measure": "server CPU per request under attack vs in the crowd of normal clients",
         "ours": round(attacked[4] * 1000, 2), "baseline": round(crowd[4] * 1000, 2), "unit": "ms",
         "ratio": f"{attacked[4] / crowd[4]:.2f}×", "goal": "≤ 1.5×", "met": attacked[4] / crowd[4] <= 1.5},
        {"measure": "5xx answers, and normal requests not answered 200", "ours": bad,
         "baseline": 0, "unit": "", "ratio": "—", "goal": "0", "met": bad == 0},
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5)
    parser.add_argument("--normal", type=int, default=10)
    parser.add_argument("--hostile", type=int, default=40)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--pace", type=float, default=0.1, help="seconds each other client waits between requests")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp}/bench.db", "YIWANG_STORAGE_DIR": f"{tmp}/files",
               "SECRET_KEY": "bench-secret-key-0123456789abcdef0123456789"}
        step_url = prepare(env)
        proc, port = serve("app:create_app()", env, args.workers)
        try:
            run = functools.partial(phase, proc, port, step_url, pace=args.pace)
            run(1, args.normal, 0, False)                                                   # warm-up
            alone = run(args.seconds, args.normal, 0, False)
            crowd = run(args.seconds, args.normal, args.hostile, False)
            opening = run(args.seconds, 0, args.hostile, True)   # the limits engage
            opened = Counter(opening[3])
            for _ in range(10):
                # Until no wrong password is checked any more (each costs a password hash, ~0.1 s of a
                # worker, several on a busy machine): then the attack runs against engaged limits, and a
                # last hash of the opening does not spill into the measured phase.
                if 401 not in opening[3]:
                    break
                opening = run(2, 0, args.hostile, True)
                opened += opening[3]
            time.sleep(1)
            attacked = run(args.seconds, args.normal, args.hostile, True)
        finally:
            proc.terminate()
            proc.wait(10)
    print(f"normal traffic: {args.normal} clients; hostile: {args.hostile} clients; {args.seconds:.0f} s per phase")
    for name, (lat, status, *_rest) in (("alone", alone), ("in a crowd", crowd), ("under attack", attacked)):
        print(f"  {name:13} {len(lat):6d} requests  p50 {pct(lat, 0.5):7.1f} ms  p95 {pct(lat, 0.95):7.1f} ms"
              f"  statuses {dict(status)}")
    print(f"  opening hostile burst (until the limits engaged): {sum(opened.values())} requests, "
          f"statuses {dict(opened)}")
    _n, _s, hostile_lat, hostile_status, _cpu = attacked
    print(f"  hostile       {len(hostile_lat):6d} requests  p50 {pct(hostile_lat, 0.5):7.1f} ms"
          f"  statuses {dict(hostile_status)}")
    failures = [s for s in (*alone[1], *attacked[1], *hostile_status, *opened) if isinstance(s, int) and s >= 500]
    ratio = pct(attacked[0], 0.95) / pct(crowd[0], 0.95)
    print(f"  normal p95 under attack / in an equal crowd of normal clients: {ratio:.2f}x")
    cpu_ratio = attacked[4] / crowd[4]
    print(f"  server CPU per request: {crowd[4] * 1000:.2f} ms in the crowd, {attacked[4] * 1000:.2f} ms under attack"
          f" ({cpu_ratio:.2f}x)")
    refused = [s for s in (*alone[1], *attacked[1]) if s != 200]
    if args.json:
        # Any 5xx, and any normal request not answered 200. A hostile body over the limit may see its
        # connection closed before it was all sent (refused unread): that is the refusal, not a failure.
        bad = sum(n for counts in (hostile_status, opened) for s, n in counts.items()
                  if isinstance(s, int) and s >= 500) + sum(n for counts in (alone[1], attacked[1])
                                                            for s, n in counts.items() if s != 200)
        print(json.dumps({"rows": _rows(args, crowd, attacked, ratio, bad)}))
    if failures or ratio > 1.5 or refused or cpu_ratio > 1.5:
        print(f"TARGET MISSED: 5xx {failures}, normal statuses {dict(attacked[1])}, p95 ratio {ratio:.2f} (goal ≤ 1.5)")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
