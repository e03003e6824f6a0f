"""Shared fixtures: a Flask app on a migrated test database (SQLite by default, PostgreSQL when the
runner sets YIWANG_TEST_DB=postgresql and TEST_DATABASE_URL)."""
from __future__ import annotations

import os
import re

import pytest
from hypothesis import HealthCheck, settings
from sqlalchemy import create_engine, text

# Property tests check correctness, never speed (bench/ measures speed). On a busy machine (two cores shared
# by many processes, a CI runner) Hypothesis's default 200 ms deadline and its too_slow health check fail
# correct tests at random, so neither applies anywhere; a test's own @settings inherit this profile.
settings.register_profile("yiwang", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("yiwang")

DB_KIND = os.environ.get("YIWANG_TEST_DB", "sqlite")
# change_counter stays too: its counters only ever grow, as the caches in the test app rely on
KEEP_TABLES = {"ab_role", "ab_permission", "ab_view_menu", "ab_permission_view", "ab_permission_view_role",
               "alembic_version", "change_counter"}


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "app" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.db)


@pytest.fixture(scope="session")
def database_url(tmp_path_factory):
    if DB_KIND == "postgresql":
        url = os.environ.get("TEST_DATABASE_URL")
        if not url:
            pytest.skip("PostgreSQL tests need TEST_DATABASE_URL")
        engine = create_engine(url)
        with engine.begin() as conn:  # a clean schema: the suite owns the test database
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
        engine.dispose()
        return url
    return f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.db'}"


@pytest.fixture(scope="session")
def app(database_url, tmp_path_factory):
    from app import create_app
    from runtime.setup_cli import init_database

    application = create_app({
        "TESTING": True,
        "SECRET_KEY": "test-secret-key-" + "x" * 32,
        "SQLALCHEMY_DATABASE_URI": database_url,
        "YIWANG_STORAGE_DIR": str(tmp_path_factory.mktemp("files")),
        "YIWANG_JOBS_DIR": str(tmp_path_factory.mktemp("jobs")),
    })
    with application.app_context():
        init_database()
    return application


@pytest.fixture(autouse=True)
def _clean_database(request):
    """Empty every data table after a test that used the app (roles and permissions stay)."""
    yield
    if "app" not in request.fixturenames:
        return
    app = request.getfixturevalue("app")
    app.extensions.pop("yiwang_rate_limiter", None)  # rate-limit counts (logins, uploads) start afresh
    # The catalogue snapshot too: a reload slower than YIWANG_CATALOGUE_INLINE_SECONDS (a big catalogue on a
    # busy machine) would serve the next test's first page from this test's items (catalogue_cache.py).
    from runtime.portal import catalogue_cache
    held = app.extensions.pop(catalogue_cache.KEY, None)
    if held is not None and held.refresher is not None:
        held.refresher.join(timeout=30)   # a reload under way would store its snapshot after the pop
        app.extensions.pop(catalogue_cache.KEY, None)
    empty_tables(app)


def empty_tables(app) -> None:
    """Delete every row but the roles and permissions (KEEP_TABLES) of ``app``'s database."""
    from flask_appbuilder import Model
    from runtime.extensions import db
    with app.app_context():
        db.session.remove()
        with db.engine.begin() as conn:
            for table in reversed(Model.metadata.sorted_tables):
                if table.name not in KEEP_TABLES:
                    conn.execute(table.delete())
            # Deleted behind the ORM's back: tell the caches (runtime/change_tracking.py), as any Core write must.
            counters = Model.metadata.tables["change_counter"]
            conn.execute(counters.update().values(value=counters.c.value + 1))


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def province_departments(app):
    """The web tests' world (tests/web/people.py) and 2,000 more departments, as a province has: for the
    department choosers, which must find one among them without listing them all."""
    from tests.web.people import add_province_departments, build_world
    with app.app_context():
        build_world()
        add_province_departments()
    return app


def csrf_token(html: str) -> str:
    match = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html) or \
        re.search(r'id="csrf_token"[^>]*value="([^"]+)"', html)
    assert match, "no CSRF token on the page"
    return match.group(1)


def logout(client):
    """Sign out as the browser does: the confirming form posts with its CSRF token."""
    page = client.get("/logout/").get_data(as_text=True)
    if 'name="csrf_token"' in page:
        client.post("/logout/", data={"csrf_token": csrf_token(page)})


def login(client, username: str, password: str):
    page = client.get("/login/")
    token = csrf_token(page.get_data(as_text=True))
    return client.post("/login/", data={"username": username, "password": password, "csrf_token": token})


def issued_pdf(client, pdf_url: str):
    """Issue a document as its button does (a POST with the page's CSRF token), then the served file.
    ``pdf_url`` is the document's GET address (…/documents/<kind>.pdf), clerk's or applicant's."""
    base, kind = pdf_url.rsplit("/documents/", 1)
    page = client.get(base + "/done" if "/zwfw/a/" in base else "/clerk/").get_data(as_text=True)
    match = re.search(r'name="csrf-token" content="([^"]+)"', page)
    token = match.group(1) if match else csrf_token(page)
    response = client.post(f"{base}/documents/{kind[:-len('.pdf')]}/issue", data={"csrf_token": token})
    return client.get(response.headers["Location"]) if response.status_code == 303 else response
