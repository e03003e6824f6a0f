"""Catalogue search with 5,000 published items: the public catalogue page (/zwfw/) searched by name,
code and keyword, filtered and paged, under gunicorn against a bare Flask page (bench/bare_app.py)
under the same gunicorn, in the same run: every target in turn for several rounds, the median of
each. SQLite in a temporary folder; PostgreSQL too when BENCH_DATABASE_URL is set (the bench uses a
schema of its own there, ``bench_catalogue``, dropped and recreated). Load only on 127.0.0.1,
bounded in time per query.

The 5,000 items are generated from the 385 entries of the basic catalogue: 13 variants per entry,
spread over 24 departments, each with a distinct name, codes and a published version (rows as
``builder.item_store.publish`` leaves them, inserted in bulk).

Usage: .venv/bin/python bench/bench_catalogue_search.py [--seconds 2] [--rounds 3] [--clients 8] [--workers 2] [--json]
Goal: every search query at ≥ 25 % of the bare page's throughput (exit 1 if missed).
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.bench_portal import interleaved, serve  # noqa: E402

ITEMS, DEPARTMENTS, GOAL = 5000, 24, 0.25
VARIANTS = ("", "(分中心)", "(乡镇便民服务站)", "(延伸办理)", "(网上办理)", "(告知承诺制)", "(跨省通办)",
            "(首次)", "(变更)", "(延续)", "(注销)", "(补办)", "(容缺)")
TYPES = {"行政职权事项": "01", "公共服务事项": "20", "便民服务事项": "21", "政府信息公开事项": "20"}
SCHEMA = "bench_catalogue"


def populate() -> dict:
    """Runs in its own process (DATABASE_URL from the environment): migrate, then insert the items."""
    import copy

    from app import create_app
    from runtime.engine.definition import definition_checksum
    from runtime.extensions import db
    from runtime.models import Department, Item, ItemVersion
    from runtime.setup_cli import init_database
    from tests.engine.factories import definition, make_uscc

    entries = json.loads((ROOT / "item_defs/catalogue/basic-catalogue.json").read_text("utf-8"))["items"]
    app = create_app()
    with app.app_context():
        init_database()
        depts = [Department(code=make_uscc(f"11610424MB{n:07d}"), name=f"秦源县第{n}局") for n in range(1, DEPARTMENTS + 1)]
        db.session.add_all(depts)
        db.session.flush()
        template = definition()
        items, versions = [], []
        for n in range(ITEMS):
            entry, variant = entries[n % len(entries)], VARIANTS[n // len(entries)]
            dept = depts[(n * 7) % DEPARTMENTS]
            doc = copy.deepcopy(template)
            basic = f"{600000000000 + n:012d}"
            doc["catalogue"].update(name=entry["name"] + variant, basic_code=basic, task_type=TYPES[entry["class"]])
            doc["implementation"].update(implementation_code=dept.code + "4" + basic,
                                         department={"name": dept.name, "code": dept.code})
            doc["implementation"]["implementing_body"].update(name=dept.name, credit_code=dept.code)
            items.append({"id": n + 1, "implementation_code": doc["implementation"]["implementation_code"],
                          "basic_code": basic, "name": doc["catalogue"]["name"], "task_type": doc["catalogue"]["task_type"],
                          "department_id": dept.id, "online": True, "current_version": 1})
            versions.append({"item_id": n + 1, "number": 1, "definition": doc, "checksum": definition_checksum(doc),
                             "schema_version": doc["schema_version"]})
        db.session.execute(Item.__table__.insert(), [{**i, "created_at": _now(), "updated_at": _now()} for i in items])
        db.session.execute(ItemVersion.__table__.insert(), [{**v, "published_at": _now()} for v in versions])
        if db.engine.dialect.name == "postgresql":
            db.session.execute(db.text("SELECT setval('item_id_seq', (SELECT max(id) FROM item))"))
            db.session.execute(db.text("ANALYZE"))
        db.session.commit()
        return {"department": depts[3].id, "code": items[1234]["basic_code"][-6:], "dialect": db.engine.dialect.name}


def _now():
    from runtime.models.timestamps import utcnow
    return utcnow()


def queries(info: dict) -> dict[str, str]:
    q = lambda **kw: "/zwfw/?" + urllib.parse.urlencode(kw)  # noqa: E731
    return {"no query, page 1": "/zwfw/",
            "no query, page 200": q(page=200),
            "name 登记": q(q="登记"),
            "name 许可, page 3": q(q="许可", page=3),
            "code fragment": q(q=info["code"]),
            "keyword 证明 + department": q(q="证明", department=info["department"]),
            "type 20, page 5": q(type="20", page=5),
            "no match": q(q="不存在的事项名称"),
            }


def database_urls(folder: str) -> dict[str, str]:
    urls = {"SQLite": f"sqlite:///{folder}/bench.db"}
    pg = os.environ.get("BENCH_DATABASE_URL")
    if pg:
        from sqlalchemy import create_engine, text
        from sqlalchemy.engine import make_url
        pg = pg.replace("postgresql://", "postgresql+psycopg://", 1) if pg.startswith("postgresql://") else pg
        engine = create_engine(pg)
        with engine.begin() as conn:
            conn.execute(text(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE"))
            conn.execute(text(f"CREATE SCHEMA {SCHEMA}"))
        engine.dispose()
        urls["PostgreSQL"] = make_url(pg).update_query_dict({"options": f"-csearch_path={SCHEMA}"}) \
            .render_as_string(hide_password=False)
    return urls


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=2, help="per target and round")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--json", action="store_true", help="end with one JSON line of the results")
    parser.add_argument("--populate", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.populate:
        print(json.dumps(populate()))
        return 0
    rows, missed = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for db_name, url in database_urls(tmp).items():
            env = {**os.environ, "DATABASE_URL": url, "YIWANG_STORAGE_DIR": f"{tmp}/files",
                   "SECRET_KEY": "bench-secret-key-0123456789abcdef0123456789"}
            out = subprocess.run([sys.executable, __file__, "--populate"], cwd=ROOT, env=env, check=True,
                                 capture_output=True, text=True)
            info = json.loads(out.stdout.strip().splitlines()[-1])
            servers = {}
            try:
                servers["bare"] = serve("bench.bare_app:app", env, args.workers)
                servers["app"] = serve("app:create_app()", env, args.workers)
                targets = {"bare": (servers["bare"][1], "/")}
                targets.update({label: (servers["app"][1], path) for label, path in queries(info).items()})
                rates = {name: statistics.median(values) for name, values in
                         interleaved(targets, args.rounds, args.seconds, args.clients).items()}
            finally:
                for proc, _port in servers.values():
                    proc.terminate()
                    proc.wait(10)
            bare = rates.pop("bare")
            print(f"{db_name}: {ITEMS} published items · bare Flask page {bare:7.0f} req/s (median of {args.rounds} rounds)")
            for label, rate in rates.items():
                ratio = rate / bare
                met = ratio >= GOAL
                print(f"  {label:28} {rate:7.0f} req/s  {ratio * 100:5.1f} % of bare{'' if met else '  (goal missed)'}")
                rows.append({"measure": f"catalogue search, {db_name}: {label}", "ours": round(rate, 1),
                             "baseline": round(bare, 1), "unit": "req/s", "ratio": f"{ratio * 100:.1f} % of bare",
                             "goal": f"≥ {GOAL * 100:.0f} % of bare", "met": met})
                if not met:
                    missed.append(f"{db_name} {label}: {ratio * 100:.1f} % of the bare page (goal ≥ {GOAL * 100:.0f} %)")
    for message in missed:
        print("TARGET MISSED:", message)
    if args.json:
        print(json.dumps({"bench": "catalogue_search", "rows": rows}, ensure_ascii=False))
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
