"""Yiwang (一网) application factory: wiring only. Run with ``flask --app app run``."""
from __future__ import annotations

from flask import Flask
from flask_appbuilder import AppBuilder

from runtime import audit, change_tracking
from runtime.config import INSTANCE, ROOT, load_config
from runtime.security.draft_csrf import DraftAwareCSRF
from runtime.extensions import db, migrate


def create_app(overrides: dict | None = None) -> Flask:
    app = Flask(__name__, instance_path=str(INSTANCE), instance_relative_config=False,
                static_folder=str(ROOT / "runtime" / "static"),
                template_folder=str(ROOT / "runtime" / "backoffice" / "fab_templates"))  # wins over FAB's own
    app.config.update(load_config(overrides))
    from runtime import url_converters
    url_converters.install(app)  # before any route is registered
    from runtime import json_provider
    json_provider.install(app)  # strict JSON bodies; keys keep their authored order

    db.init_app(app)
    migrate.init_app(app, db, directory=str(ROOT / "migrations"))
    DraftAwareCSRF(app)  # before AppBuilder, so API blueprints can exempt themselves
    audit.install()
    change_tracking.install()
    from runtime import definition_refs, department_pinyin
    from runtime.casework import deadline_columns, queue, rollups
    for maintained in (queue, deadline_columns, rollups, definition_refs, department_pinyin):  # kept current on every flush
        maintained.install()

    from runtime.errors import register_error_handlers
    register_error_handlers(app)
    from runtime.security import (api_login, body_limits, content_policy, crafted_params, headers, login_limits,
                                  proxies, session_cookie, session_revocation)
    headers.install(app)
    content_policy.install(app)
    session_cookie.install(app)
    proxies.install(app)
    body_limits.install(app)   # before anything reads a body
    api_login.install(app)
    login_limits.install(app)
    session_revocation.install(app)
    crafted_params.install(app)

    with app.app_context():
        from runtime.backoffice.home import YiwangHomeView
        appbuilder = AppBuilder(update_perms=False, indexview=YiwangHomeView)
        appbuilder.init_app(app, db.session)
        from builder.views import register as register_builder_views
        register_builder_views(appbuilder)

    from runtime import i18n
    i18n.install(app)  # after AppBuilder, which installs Flask-Babel's callables
    from runtime.backoffice import register as register_backoffice
    register_backoffice(app)
    from runtime.portal import register as register_portal
    register_portal(app)
    from runtime.clerk import register as register_clerk
    register_clerk(app)
    from runtime.calendar_views import calendar_admin
    app.register_blueprint(calendar_admin)
    from runtime.documents.key_views import signing_keys_admin
    app.register_blueprint(signing_keys_admin)

    from builder.api import api as builder_api
    from builder.pages import pages as builder_pages
    app.register_blueprint(builder_pages)
    app.register_blueprint(builder_api)
    from builder.exchange_pages import exchange
    app.register_blueprint(exchange)

    from builder.item_cli import items_cli
    import builder.item_load_cli  # noqa: F401 - adds `items load` to the group
    import builder.exchange.cli  # noqa: F401 - adds `items export` and `items import`
    from runtime.setup_cli import yiwang_cli
    import runtime.calendar_cli  # noqa: F401 - adds `yiwang calendar`
    app.cli.add_command(items_cli)
    app.cli.add_command(yiwang_cli)
    from runtime.documents.cli import docs_cli
    app.cli.add_command(docs_cli)
    from runtime.files_cli import files_cli
    app.cli.add_command(files_cli)
    from builder.jobs_cli import jobs_cli
    app.cli.add_command(jobs_cli)
    from runtime.casework.cli import cases_cli
    app.cli.add_command(cases_cli)
    return app
