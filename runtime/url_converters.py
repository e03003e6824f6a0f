"""URL integers limited to what the database's INTEGER columns hold: /zwfw/items/99999999999999999999 is
simply not found (404) instead of overflowing inside the database driver (a 500)."""
from __future__ import annotations

from flask import Flask
from werkzeug.routing import IntegerConverter

MAX_DB_INTEGER = 2**31 - 1  # PostgreSQL INTEGER; SQLite's is wider


class DatabaseIntegerConverter(IntegerConverter):
    def __init__(self, map, fixed_digits=0, min=None, max=MAX_DB_INTEGER, signed=False):
        super().__init__(map, fixed_digits=fixed_digits, min=min, max=max, signed=signed)


def install(app: Flask) -> None:
    """Replace ``<int:…>`` for every route; call before any route is registered."""
    app.url_map.converters["int"] = DatabaseIntegerConverter
