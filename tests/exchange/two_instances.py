"""A second instance for exchange tests: the province, on its own database beside the suite's (the
suite's ``app`` plays the county). SQLite: another file. PostgreSQL: the database named like the
suite's with ``_b`` appended (created when missing), e.g. yiwang_h24 -> yiwang_h24_b."""
from __future__ import annotations

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from tests.conftest import DB_KIND, empty_tables


def _second_database(database_url: str) -> str:
    url = make_url(database_url)
    other = url.set(database=f"{url.database}_b")
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        if conn.scalar(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": other.database}) is None:
            conn.execute(text(f'CREATE DATABASE "{other.database}"'))
    admin.dispose()
    engine = create_engine(other)
    with engine.begin() as conn:  # a clean schema, as the suite's fixture does for its own database
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    return other.render_as_string(hide_password=False)


@pytest.fixture(scope="session")
def province_app(database_url, tmp_path_factory):
    from app import create_app
    from runtime.setup_cli import init_database

    url = _second_database(database_url) if DB_KIND == "postgresql" else \
        f"sqlite:///{tmp_path_factory.mktemp('province') / 'province.db'}"
    application = create_app({
        "TESTING": True,
        "SECRET_KEY": "province-secret-key-" + "y" * 32,
        "SQLALCHEMY_DATABASE_URI": url,
        "YIWANG_STORAGE_DIR": str(tmp_path_factory.mktemp("province-files")),
        "YIWANG_JOBS_DIR": str(tmp_path_factory.mktemp("province-jobs")),
        "YIWANG_INSTANCE_NAME": "陕西省住房和城乡建设厅",
    })
    with application.app_context():
        init_database()
    return application


@pytest.fixture
def province(province_app):
    """The province instance, emptied after each test (roles and permissions stay)."""
    yield province_app
    empty_tables(province_app)
