"""Flask's JSON reading made strict at the app's edge: every JSON request body (the builder API, the
unauthenticated API login, any later endpoint) is read by runtime.strict_json, so a body nested
100,000 deep or holding NaN/Infinity/1e309 is a 400 through the error handlers, never a RecursionError
(500) or a non-finite number that PostgreSQL's jsonb refuses later."""
from __future__ import annotations

from flask import Flask
from flask.json.provider import DefaultJSONProvider

from runtime import strict_json


class StrictJSONProvider(DefaultJSONProvider):
    sort_keys = False  # definitions keep their authored order in the builder and the API

    def loads(self, s, **kwargs):
        return strict_json.loads(s)  # StrictJSONError is a ValueError: Flask answers 400


def install(app: Flask) -> None:
    app.json = StrictJSONProvider(app)
