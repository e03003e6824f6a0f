"""The migrations create exactly the schema the models describe (no forgotten migration)."""
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_appbuilder import Model

import flask_appbuilder.security.sqla.models  # noqa: F401
import runtime.models  # noqa: F401
from runtime.extensions import db


def test_models_match_migrations(app):
    with app.app_context():
        with db.engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": False}), Model.metadata)
    assert diff == []
