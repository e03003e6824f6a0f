"""No crafted parameter of any route gives a 5xx: every rule of ``app.url_map`` (so a new route is covered
without touching this file) is requested with crafted values in every query parameter and every form
field the application reads, anonymously, as a clerk, as a department administrator and as the system
administrator.

The parameter names are collected from the source and the templates — ``request.args/form.get("…")``,
``name="…"`` of every form, Flask-AppBuilder's list parameters of every view — so a new field is fuzzed
too, with the form fields of the item (its group rows too), which the portal's steps and the builder's
preview read. Path arguments are filled with real rows (an item, an application and its resume link, a
file), so the requests reach the code behind the lookups; a path argument naming what the view does takes
each choice (every clerk action and case operation, every page of the resume link). Unsafe methods carry
the session's CSRF token, so the crafted fields get past the CSRF check to the view. The OpenAPI fuzzer
(test_openapi_fuzz.py) covers the REST API's own parameters; the crafted values here are the ones that
broke pages before.

Bounded in time (four users, some 220 routes each): each route is asked once without parameters as each
user, then gets every crafted value from the least privileged user who may open it (anonymous, clerk,
department administrator, system administrator: so the clerk's pages as the clerk, the builder as the
department administrator, the user admin as the system administrator); a more privileged user who may
open it too gets ``SAMPLE``, one of each kind of value; a user who may not open it (refused, or the row is
missing) gets ``AT_THE_DOOR``, as the refusal comes before the view reads any parameter. The abuse limits
are lifted for the run (they are tested apart), so every request reaches its view."""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from urllib.parse import urlencode

import pytest
from werkzeug.routing.converters import NumberConverter

from runtime.engine.compiled_item import compile_item
from runtime.extensions import db
from runtime.models import ApplicationFile
from runtime.portal.wizard import APPLICANT, MATERIALS, REVIEW
from runtime.stored_files import save_file
from tests.security.conftest import PDF, login_as, make_application, token_of

ROOT = Path(__file__).resolve().parents[2]
LONG = "x" * 2100   # longer than any text column (String(2000))
CRAFTED = ["NaN", "-Infinity", "1e999999", "-1", "99999999999999999999999", "²", "١٢", "\x00", "((((((((",
           "!(!(!(", "'\"<script>", "../../etc/passwd", "", LONG, "𠀀\u202e", "[]", "{\"a\":", "__class__"]
SAMPLE = ["NaN", "²", "\x00", LONG]   # a number, a digit, a control character, size
AT_THE_DOOR = ["\x00" + LONG]
# Renders a PDF (~0.5 s a request): one value; the HTML preview reads the same parameters with every value.
COSTLY = {"/builder/items/<int:item_id>/preview/notice.pdf"}
USERS = [None, "clerk_a", "admin_a", "sys"]   # least privileged first; None: anonymous
UNLIMITED = "100000 per hour"   # the abuse limits are tested apart; here every request must reach its view
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


def _fab_names(app) -> tuple[list[str], list[str]]:
    """Flask-AppBuilder's list parameters of every view: paging and sorting (refused at the edge when crafted,
    runtime/security/crafted_params.py), and a filter on each view's first search column (read by the view)."""
    paging, filters = [], []
    for view in app.appbuilder.baseviews:
        name = view.__class__.__name__
        paging += [f"psize_{name}", f"page_{name}", f"_oc_{name}", f"_od_{name}"]
        columns = getattr(view, "search_columns", None) or []
        if columns:
            filters.append(f"_flt_0_{columns[0]}")
    return paging, filters


@pytest.fixture
def rows(app, actors):
    """Real rows to fill the routes' path arguments with."""
    from runtime.portal.drafts import create_draft
    with app.app_context():
        application_id, _submitted = make_application(actors.item_a)
        from runtime.models import Item
        version = db.session.get(Item, actors.item_a).versions[-1]
        _draft, token = create_draft(version)
        steps = compile_item(version.definition).steps
        stored = save_file(PDF)
        db.session.add(ApplicationFile(application_id=application_id, material_id="x", stored_file_id=stored.id,
                                       original_name="scan.pdf"))
        db.session.commit()
        file_id = db.session.scalar(db.select(ApplicationFile.id))
    fields = [f for step in steps for f in step.fields]
    return {"item_id": actors.item_a, "application_id": application_id, "file_id": file_id, "token": token,
            "page": 1, "number": 1,
            # the pages of the draft's resume link, and the names of the item's form fields (group rows too),
            # which the portal's steps and the builder's preview read
            "keys": [APPLICANT, *(step.id for step in steps), MATERIALS, REVIEW],
            "fields": [f.id for f in fields] + [name for f in fields for sub in f.sub_fields
                                                for name in (f"{f.id}-0-{sub.id}", f"{f.id}-count")]}


FIXED = {"action": "accept", "op": "payment", "kind": "acceptance_notice", "key": "applicant", "locale": "zh",
         "sha256": "0" * 64, "job_id": "0" * 32, "code": "ABCD1234EFGH5678", "filename": "x", "name": "x"}


# Path arguments naming what a view does: every choice (the case is voided last, so the others meet it alive).
CHOICES = {"op": ["step", "signoff", "handover", "answer", "pause", "resume", "extend", "payment", "supplements",
                  "paper"],
           "action": ["approve", "return", "accept", "accept_tolerated", "reject", "complete", "void"]}


def _urls(rule, rows) -> list[str]:
    """The route's address filled with real rows; with each choice of what it does (``CHOICES``), and each
    page of the resume link (``<key>``)."""
    if "key" in rule.arguments and "token" in rule.arguments:
        return [_url(rule, {**rows, "key": key}) for key in rows["keys"]]
    for arg, choices in CHOICES.items():
        if arg in rule.arguments:
            return [_url(rule, {**rows, arg: choice}) for choice in choices]
    return [_url(rule, rows)]


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


def _send(client, method: str, url: str, query: str, token: str | None):
    """``query``: the crafted parameters, URL-encoded once for all routes; an unsafe method has them in its
    form too, with the CSRF token."""
    if method in UNSAFE:
        form = query + (f"&{urlencode({'csrf_token': token})}" if token else "")
        response = client.open(f"{url}?{query}", method=method, data=form.encode(),
                               content_type="application/x-www-form-urlencoded",
                               headers={"X-CSRFToken": token} if token else {})
    else:
        response = client.open(f"{url}?{query}" if query else url, method=method)
    if response.status_code in (302, 303):   # a refusal's flash would be shown by the next page; no page is
        with client.session_transaction() as session:
            session.pop("_flashes", None)
    return response


def _denied(response) -> bool:
    """Refused to this user before any view (not signed in, not allowed), or its row does not exist."""
    return response.status_code in (401, 403, 404) or (
        response.status_code in (302, 303) and "/login/" in response.headers.get("Location", ""))


def _signed_in(app, user: str | None):
    """A client of ``user`` (None: anonymous) and the CSRF token of its session."""
    client = app.test_client()
    if user is None:
        return client, token_of(client.get("/zwfw/status").get_data(as_text=True))
    login_as(client, user)
    return client, token_of(client.get("/clerk/" if user != "admin_a" else "/builder/").get_data(as_text=True))


_OPENS: dict[str | None, frozenset] = {}   # user -> the routes they may open: the same for every test's rows


def _opens(app, user: str | None, rows) -> frozenset:
    """The routes ``user`` may open, asked once without parameters."""
    if user not in _OPENS:
        client, token = _signed_in(app, user)
        _OPENS[user] = frozenset((method, rule.rule) for method, rule in _routes(app)
                                 if not _denied(_send(client, method, _url(rule, rows), "", token)))
    return _OPENS[user]


def _plan(app, user: str | None, rows):
    """(method, rule, values, a Flask-AppBuilder view?, its list page?) of every route, for ``user``."""
    mine = _opens(app, user, rows)
    lesser = frozenset().union(*(_opens(app, u, rows) for u in USERS[:USERS.index(user)]))
    fab = {view.endpoint for view in app.appbuilder.baseviews}
    for method, rule in _routes(app):
        key = (method, rule.rule)
        values = AT_THE_DOOR if key not in mine else ["NaN"] if rule.rule in COSTLY else \
            SAMPLE if key in lesser else CRAFTED
        view = key in mine and rule.endpoint.split(".")[0] in fab
        yield method, rule, values, view, view and rule.endpoint.endswith(".list")


def _fuzz(app, user: str | None, rows, monkeypatch) -> tuple[list[str], Counter, dict]:
    """Every route with its values (``_plan``) in every name the application reads and, on Flask-AppBuilder's
    views in the paging and sorting parameters (refused at the edge, runtime/security/crafted_params.py:
    ``AT_THE_DOOR`` values only) and, on their list pages, in a filter of each view (FAB's generic filters,
    read by the view: ``SAMPLE`` values)."""
    for limit in ("YIWANG_STATUS_RATE_LIMIT", "YIWANG_VERIFY_RATE_LIMIT", "YIWANG_DRAFT_RATE_LIMIT",
                  "YIWANG_CONSULTATION_RATE_LIMIT", "YIWANG_UPLOAD_MB_RATE_LIMIT", "YIWANG_LOGIN_LIMIT_ADDRESS",
                  "YIWANG_LOGIN_LIMIT_ACCOUNT_ADDRESS", "YIWANG_LOGIN_LIMIT_ACCOUNT"):
        monkeypatch.setitem(app.config, limit, UNLIMITED)
    names = _names() + rows["fields"]
    paging, filters = _fab_names(app)
    queries = {(v, id(n)): urlencode(dict.fromkeys(n, v))
               for v in {*CRAFTED, *AT_THE_DOOR} for n in (names, paging, filters)}
    plan = list(_plan(app, user, rows))
    client, token = _signed_in(app, user)
    failures, statuses, fully = [], Counter(), {}
    for method, rule, values, fab, listing in plan:
        fully[method, rule.rule] = values is CRAFTED
        sends = [(v, names) for v in values] + [(v, filters) for v in SAMPLE if listing] + \
                [(v, paging) for v in AT_THE_DOOR if fab]
        for url, (value, names_) in ((u, send) for u in _urls(rule, rows) for send in sends):
            response = _send(client, method, url, queries[value, id(names_)], token)
            statuses[response.status_code] += 1
            if response.status_code >= 500:
                failures.append(f"{user} {method} {url} with {value[:20]!r}: {response.status_code}")
    if user is not None:   # still signed in: no crafted request ended the session the run relied on
        assert not _denied(client.get("/users/userinfo/")), f"{user} was signed out during the run"
    return failures, statuses, fully


def test_no_crafted_parameter_gives_a_5xx_anonymously(app, rows, monkeypatch):
    failures, statuses, fully = _fuzz(app, None, rows, monkeypatch)
    assert failures == [], "\n".join(failures)
    assert statuses[200] > 100 and statuses[302] and statuses[400] > 100, statuses   # pages, sign-in, refusals
    assert fully["POST", "/zwfw/items/<int:item_id>/consult"] and fully["GET", "/zwfw/status"]


def test_no_crafted_parameter_gives_a_5xx_to_a_clerk(app, rows, monkeypatch):
    failures, statuses, fully = _fuzz(app, "clerk_a", rows, monkeypatch)
    assert failures == [], "\n".join(failures)
    assert statuses[200] > 100 and statuses[400] > 50 and statuses[303] + statuses[302] > 20, statuses
    assert fully["POST", "/clerk/applications/<int:application_id>/ops/<op>"] and fully["GET", "/clerk/statistics"]


def test_no_crafted_parameter_gives_a_5xx_to_a_department_administrator(app, rows, monkeypatch):
    failures, statuses, fully = _fuzz(app, "admin_a", rows, monkeypatch)
    assert failures == [], "\n".join(failures)
    assert statuses[200] > 100 and statuses[400] > 100, statuses
    assert fully["PUT", "/builder/api/items/<int:item_id>/draft"] and fully["POST", "/builder/exchange/import"]
    assert not fully["GET", "/clerk/"]   # the clerk's run has it


def test_no_crafted_parameter_gives_a_5xx_to_the_system_administrator(app, rows, monkeypatch):
    failures, statuses, fully = _fuzz(app, "sys", rows, monkeypatch)
    assert failures == [], "\n".join(failures)
    assert statuses[200] > 100 and statuses[400] > 50, statuses
    assert fully["POST", "/users/add"] and fully["GET", "/auditeventview/list/"]


def test_the_fuzzer_reaches_the_views(app, client, rows):
    """The control: the names are found and the real rows are used, so the requests are not all 404s."""
    names = _names()
    for name in ("q", "note", "amount", "days", "decision", "department", "bundle"):
        assert name in names, name
    assert {"employees", "capital", "family_members-0-member_name", "family_members-count"} <= set(rows["fields"])
    for key in rows["keys"]:   # every page of the resume link, as the fuzzer fills it
        assert client.get(f"/zwfw/a/{rows['token']}/{key}").status_code in (200, 302), key
    login_as(client, "sys")
    assert client.get(f"/clerk/applications/{rows['application_id']}").status_code == 200
    assert len(list(_routes(app))) > 150
