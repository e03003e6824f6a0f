"""The statistics rollups, kept as events happen and rebuilt by `flask cases rebuild`, equal a recount from
the raw status events (written here independently of runtime/casework/rollups.py)."""
import random
from collections import Counter
from datetime import date, datetime, timedelta

from sqlalchemy import select

from runtime import clock
from runtime.engine.workdays import default_calendar
from runtime.extensions import db
from runtime.models import Application, ApplicationEvent, CaseRollup, CaseRollupMonth, Item, ItemVersion

CAL = default_calendar()


def _simulate(app, seed=7, count=60):
    """Cases of every item moving through realistic paths, each event written and committed in turn."""
    rng = random.Random(seed)
    with app.app_context():
        versions = db.session.scalars(select(ItemVersion)).all()
        for n in range(count):
            version = rng.choice(versions)
            a = Application(item_version_id=version.id, department_id=version.item.department_id,
                            applicant={"name": f"申请人{n}"}, answers={}, materials={}, status="draft")
            db.session.add(a)
            db.session.commit()
            at = datetime(2026, 9, 1, 1) + timedelta(days=rng.randint(0, 80), hours=rng.randint(0, 23))

            def move(to, review=None, **fields):
                nonlocal at
                at += timedelta(days=rng.randint(0, 6), hours=rng.randint(0, 9))
                for name, value in fields.items():
                    setattr(a, name, value)
                db.session.add(ApplicationEvent(application=a, status_from=a.status, status_to=to, review=review, at=at))
                a.status = to
                db.session.commit()

            def reviewed(outcome):
                return {"outcome": outcome, "missing": rng.sample(["m1", "m2", "m3"], rng.randint(0, 2))}

            path = rng.random()
            if path < 0.1:
                continue                                                  # a draft never sent
            move("needs_correction" if path < 0.3 else "submitted",
                 reviewed("needs_correction" if path < 0.3 else "acceptable"))
            if path < 0.3:
                if rng.random() < 0.5:
                    move("withdrawn")
                    continue
                move("submitted", reviewed("acceptable"))
            step = rng.random()
            if step < 0.2:
                move("rejected")
            elif step < 0.3:
                move("voided")
            elif step > 0.4:
                accepted = clock.local(at).date() + timedelta(days=1)
                move("accepted", accepted_on=accepted.isoformat(),
                     promised_date=CAL.add_working_days(accepted, rng.choice([3, 10])).isoformat())
                move("accepted")                                          # a pause or a payment: no status change
                if rng.random() < 0.7:
                    move("completed")


def _recount(app) -> Counter:
    """The rollups as they should be, straight from applications and events."""
    expected: Counter = Counter()
    with app.app_context():
        items = dict(db.session.execute(select(ItemVersion.id, ItemVersion.item_id)).all())
        for a in db.session.scalars(select(Application)):
            events = db.session.scalars(select(ApplicationEvent).where(ApplicationEvent.application_id == a.id)
                                        .order_by(ApplicationEvent.id)).all()
            item, dept = items[a.item_version_id], a.department_id
            day = lambda e: clock.local(e.at).date().isoformat()  # noqa: E731
            for e in events:
                if e.review:
                    expected[(day(e), dept, item, "review", e.review["outcome"])] += 1
                    for m in e.review["missing"]:
                        expected[(day(e), dept, item, "missing", m)] += 1
            first = next((e for e in events if e.status_to in ("submitted", "needs_correction")), None)
            if first is None:
                continue
            expected[(day(first), dept, item, "received", "")] += 1
            expected[(day(first), dept, item, "status", a.status)] += 1
            if a.status == "completed":
                done = date.fromisoformat(day([e for e in events if e.status_to == "completed"][-1]))
                used = CAL.working_days_between(date.fromisoformat(a.accepted_on), done)
                expected[(day(first), dept, item, "completed", f"{used}:{int(done.isoformat() <= a.promised_date)}")] += 1
    return expected


def _rollups(app) -> Counter:
    with app.app_context():
        return Counter({(r.day, r.department_id, r.item_id, r.metric, r.key): r.count
                        for r in db.session.scalars(select(CaseRollup)) if r.count})


def _monthly(app) -> Counter:
    with app.app_context():
        return Counter({(r.month, r.department_id, r.metric, r.key): r.count
                        for r in db.session.scalars(select(CaseRollupMonth)) if r.count})


def _to_months(expected: Counter) -> Counter:
    months: Counter = Counter()
    for (day, dept, _item, metric, key), n in expected.items():
        months[(day[:7], dept, metric, key)] += n
        months[(day[:7], 0, metric, key)] += n      # the all-department rows
    return +months


def test_live_rollups_and_a_rebuild_equal_a_recount(app, case):
    _simulate(app)
    expected = _recount(app)
    assert {k[3] for k in expected} == {"received", "status", "review", "missing", "completed"}   # all exercised
    assert _rollups(app) == expected
    assert _monthly(app) == _to_months(expected)
    with app.app_context():   # a rebuild from nothing gives the same tables
        db.session.execute(CaseRollup.__table__.delete())
        db.session.execute(CaseRollupMonth.__table__.delete())
        db.session.commit()
    result = app.test_cli_runner().invoke(args=["cases", "rebuild"])
    assert result.exit_code == 0 and "统计汇总" in result.output
    assert _rollups(app) == expected
    assert _monthly(app) == _to_months(expected)


def test_a_rebuild_restores_the_columns_a_bulk_load_left_empty(app, case, monkeypatch):
    """Cases loaded behind the ORM (bulk SQL, a restore) without received day or deadline columns get
    them from the rebuild (set-based: a temporary table and one UPDATE … FROM), and it is not an edit.
    Its partial sums, written to the staging table every few keys here, add up to the recount."""
    from sqlalchemy import update
    from runtime.casework import rollups
    monkeypatch.setattr(rollups, "PARTIAL", 7)
    _simulate(app, seed=5, count=30)
    expected = _recount(app)
    table = Application.__table__
    columns = (table.c.id, table.c.received_on, table.c.due_on, table.c.warn_on, table.c.updated_at, table.c.revision)
    with app.app_context():
        before = db.session.execute(select(*columns).order_by(table.c.id)).all()
        db.session.execute(update(table).values(received_on=None, due_on=None, warn_on=None,
                                                updated_at=table.c.updated_at, revision=table.c.revision))
        db.session.commit()
    assert app.test_cli_runner().invoke(args=["cases", "rebuild"]).exit_code == 0
    with app.app_context():
        after = db.session.execute(select(*columns).order_by(table.c.id)).all()
    assert after == before
    assert sum(row.received_on is not None for row in after) > 20 and any(row.due_on for row in after)
    assert _rollups(app) == expected and _monthly(app) == _to_months(expected)


def test_statistics_page_numbers_are_the_recount(app, case):
    """Per item for a few departments, per department for all of them: both add up to the recount."""
    from runtime.clerk.statistics_views import load
    from runtime.models import Department
    _simulate(app, seed=11)
    expected = _recount(app)
    with app.app_context():
        items = dict(db.session.execute(select(Item.id, Item.name)).all())
        departments = dict(db.session.execute(select(Department.id, Department.name)).all())
        for scope, names, position in ((list(departments), items, 2), (None, departments, 1)):
            stats = load(scope, date(2026, 9, 1), date(2026, 12, 31))
            assert stats.by_department is (scope is None)
            assert stats.total == sum(c for k, c in expected.items() if k[3] == "received")
            completed = sum(c for k, c in expected.items() if k[3] == "completed")
            assert sum(h["completed"] for h in stats.handling) == completed
            assert sum(c for _label, c in stats.decisions) == stats.total
            per = Counter()
            for k, c in expected.items():
                if k[3] == "received":
                    per[names[k[position]]] += c
            assert Counter(dict(stats.per_item)) == per
            assert sum(map(sum, stats.per_month.values())) == stats.total
