"""Reads for the most requested pages without the ORM session: the statement is compiled once per
database and run on a pooled DBAPI connection, and each column's own type still converts its value
(JSON per dialect). SQLAlchemy's per-execution work cost these pages more than their own queries."""
from __future__ import annotations

from functools import cache

from sqlalchemy import Select
from sqlalchemy.engine import Engine


@cache
def _compiled(statement: Select, engine: Engine):
    compiled = statement.compile(dialect=engine.dialect)
    converters = tuple(column.type.result_processor(engine.dialect, None) for column in statement.selected_columns)
    return compiled, converters


def fetch_one(engine: Engine, statement: Select, params: dict) -> tuple | None:
    """The first row of ``statement`` (built once, e.g. in a ``functools.cache`` function, with
    ``bindparam`` placeholders named in ``params``), its values converted, or None."""
    compiled, converters = _compiled(statement, engine)
    values = compiled.construct_params(params)
    if compiled.positional:
        values = tuple(values[name] for name in compiled.positiontup)
    connection = engine.raw_connection()
    try:
        cursor = connection.cursor()
        try:
            cursor.execute(compiled.string, values)
            row = cursor.fetchone()
        finally:
            cursor.close()
    finally:
        connection.close()   # back to the pool (which rolls the read back)
    if row is None:
        return None
    return tuple(convert(value) if convert else value for convert, value in zip(converters, row))
