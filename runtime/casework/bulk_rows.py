"""Set-based writes for the rebuilds (backfill.py, rollups.py), which touch up to millions of rows: COPY
on PostgreSQL instead of a statement per row, and updates through a temporary table joined in one
``UPDATE … FROM``. Not edits: updated_at and revision stay."""
from __future__ import annotations

from sqlalchemy import Column, Integer, MetaData, String, Table, insert, update


def insert_rows(connection, table: Table, rows: list[dict]) -> None:
    """COPY on PostgreSQL (executemany sends a statement per row); executemany on SQLite, where it is fast."""
    if not rows:
        return
    if connection.dialect.name != "postgresql":
        connection.execute(insert(table), rows)
        return
    names = [c.name for c in table.columns]
    cursor = connection.connection.driver_connection.cursor()
    with cursor.copy(f"COPY {table.name} ({', '.join(names)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row([row[n] for n in names])


def update_applications(connection, rows: list[dict], columns: dict[str, int]) -> None:
    """Set ``columns`` (name -> string length) of the applications in ``rows`` ({"id": …, column: value})."""
    from runtime.models import Application
    if not rows:
        return
    staged = Table("bulk_application_values", MetaData(), Column("id", Integer, primary_key=True),
                   *(Column(name, String(length)) for name, length in columns.items()), prefixes=["TEMPORARY"])
    staged.create(connection)
    insert_rows(connection, staged, rows)
    table = Application.__table__
    connection.execute(update(table).where(table.c.id == staged.c.id)
                       .values(**{name: staged.c[name] for name in columns}, updated_at=table.c.updated_at,
                               revision=table.c.revision))
    staged.drop(connection)
