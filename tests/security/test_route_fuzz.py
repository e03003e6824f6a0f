"""No crafted parameter of any route gives a 5xx: every rule of ``app.url_map`` (so a new route is covered
without touching this file) is requested with crafted values in every query parameter and every form
field the application reads, anonymously and as the system administrator (who may open every page).

The parameter names are collected from the source and the templates — ``request.args/form.get("…")``,
``name="…"`` of every form, Flask-AppBuilder's list parameters of every view — so a new field is fuzzed
too. Path arguments are filled with real rows (an item, an application and its resume link, a file), so
the requests reach the code behind the lookups. Unsafe methods carry the session's CSRF token, so the
crafted fields get past the CSRF check to the view. The OpenAPI fuzzer (test_openapi_fuzz.py) covers
the REST API's own parameters; the crafted values here are the ones that broke pages before."""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from werkzeug.routing.converters import NumberConverter

from runtime.extensions import db
from runtime.models import ApplicationFile
from runtime.stored_files import save_file
from tests.security.conftest import PDF, login_as, make_application, token_of

ROOT = Path(__file__).resolve().parents[2]
CRAFTED = ["NaN", "-Infinity", "1e999999", "-1", "99999999999999999999999", "²", "١٢", "\x00", "((((((((",
           "!(!(!(", "'\"<script>", "../../etc/passwd", "", "x" * 5000, "𠀀\u202e", "[]", "{\"a\":", "__class__"]
MISSING_ID = 987654
SKIPPED = {"/logout/"}   # signing out ends the session the rest of the run needs (test_sessions.py covers it)
UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}


def _names() -> list[str]:
    """Every query parameter and form field name the application reads or renders."""
    names = set()
    for path in [*ROOT.glob("runtime/**/*.py"), *ROOT.glob("builder/**/*.py")]:
        names |= set(re.findall(r"""(?:args|form|files)\.(?:get|getlist)\(["']([A-Za-z0-9_\-]+)["']""",
                                path.read_text("utf-8")))
    for path in [*ROOT.glob("runtime/**/templates/**/*.html"), *ROOT.glob("builder/**/templates/**/*.html")]:
        names |= set(re.findall(r'name="([A-Za-z0-9_\-]+)"', path.read_text("utf-8")))
    return sorted(names - {"csrf_token"})


def _fab_names(app) -> list[str]:
    """Flask-AppBuilder's list parameters, for every view, and a filter on its first column."""
    names = []
    for view in app.appbuilder.baseviews:
        name = view.__class__.__name__
        names += [f"psize_{name}", f"page_{name}", f"_oc_{name}", f"_od_{name}"]
        columns = getattr(view, "search_columns", None) or []
        if columns:
            names.append(f"_flt_0_{columns[0]}")
    return names


@pytest.fixture
def rows(app, actors):
    """Real rows to fill the routes' path arguments with."""
    from runtime.portal.drafts import create_draft
    with app.app_context():
        application_id, _submitted = make_application(actors.item_a)
        from runtime.models import Item
        _draft, token = create_draft(db.session.get(Item, actors.item_a).versions[-1])
        stored = save_file(PDF)
        db.session.add(ApplicationFile(application_id=application_id, material_id="x", stored_file_id=stored.id,
                                       original_name="scan.pdf"))
        db.session.commit()
        file_id = db.session.scalar(db.select(ApplicationFile.id))
    return {"item_id": actors.item_a, "application_id": application_id, "file_id": file_id, "token": token,
            "page": 1, "number": 1}


FIXED = {"action": "accept", "op": "payment", "kind": "acceptance_notice", "key": "applicant", "locale": "zh",
         "sha256": "0" * 64, "job_id": "0" * 32, "code": "ABCD1234EFGH5678", "filename": "x", "name": "x"}


def _url(rule, rows) -> str:
    values = {}
    for arg, converter in rule._converters.items():
        if arg in rows:
            values[arg] = rows[arg]
        elif arg in FIXED:
            values[arg] = FIXED[arg]
        else:
            values[arg] = MISSING_ID if isinstance(converter, NumberConverter) else str(MISSING_ID)
    return rule.build(values, append_unknown=False)[1]


def _routes(app):
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        if rule.endpoint == "static" or rule.endpoint.endswith(".static") or rule.rule in SKIPPED:
            continue
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            yield method, rule


def _fuzz(app, client, rows, token: str | None) -> tuple[list[str], Counter]:
    # Flask-AppBuilder's list parameters apart: a crafted one is refused before any view (crafted_params.py)
    sets = [_names(), _fab_names(app)]
    failures, statuses = [], Counter()
    for method, rule in _routes(app):
        url = _url(rule, rows)
        for value, names in ((v, n) for v in CRAFTED for n in sets):
            params = {name: value for name in names}
            if method in UNSAFE:
                data = {**params, **({"csrf_token": token} if token else {})}
                response = client.open(url, method=method, query_string=params, data=data,
                                       headers={"X-CSRFToken": token} if token else {})
            else:
                response = client.open(url, method=method, query_string=params)
            statuses[response.status_code] += 1
            if response.status_code >= 500:
                failures.append(f"{method} {url} with {value[:20]!r}: {response.status_code}")
    return failures, statuses


def test_no_crafted_parameter_gives_a_5xx_anonymously(app, client, rows):
    token = token_of(client.get("/zwfw/status").get_data(as_text=True))
    failures, statuses = _fuzz(app, client, rows, token)
    assert failures == [], "\n".join(failures)
    assert statuses[200] and statuses[302] and statuses[400], statuses   # public pages, sign-in, refusals


def test_no_crafted_parameter_gives_a_5xx_to_the_system_administrator(app, client, rows):
    login_as(client, "sys")
    token = token_of(client.get("/clerk/").get_data(as_text=True))
    failures, statuses = _fuzz(app, client, rows, token)
    assert failures == [], "\n".join(failures)
    # The views were reached: pages shown, crafted values refused, actions answered with a redirect.
    assert statuses[200] > 500 and statuses[400] > 200 and statuses[303] + statuses[302] > 50, statuses
    print(dict(statuses))


def test_the_fuzzer_reaches_the_views(app, client, rows):
    """The control: the names are found and the real rows are used, so the requests are not all 404s."""
    names = _names()
    for name in ("q", "note", "amount", "days", "decision", "department", "bundle"):
        assert name in names, name
    login_as(client, "sys")
    assert client.get(f"/clerk/applications/{rows['application_id']}").status_code == 200
    assert client.get(f"/zwfw/a/{rows['token']}/applicant").status_code == 200
    assert len(list(_routes(app))) > 150
