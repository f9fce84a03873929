"""SQL of copying a whole database (README "Backups"): the columns of a table, its rows in
batches, its row count, and an id sequence moved past the ids copied.

Table and sequence names are checked against :data:`NAME` and come from the schema itself
(:mod:`lipmetrics.store.copy` reads them from the migrations), never from user input; every value
is a bound parameter.
"""

from __future__ import annotations

import re

from lipmetrics.store.queries.base import Cursor

NAME = re.compile(r"^[a-z_][a-z0-9_]*$")
# A column's default drawn from a sequence: nextval('plan_ids') (DuckDB) or
# nextval('plan_ids'::regclass) (PostgreSQL).
NEXTVAL = re.compile(r"nextval\('([a-z_][a-z0-9_]*)'")


def _name(name: str) -> str:
    if not NAME.match(name):
        raise ValueError(f"not a table or sequence name: {name!r}")
    return name


def refresh_statistics(cur: Cursor) -> None:
    """Have the database re-read what its tables hold (``ANALYZE``, the same word on both), so
    that it plans joins and groupings for the rows there are. PostgreSQL's autovacuum does this
    within about a minute of a large change; after a bulk copy it is done at once, as
    PostgreSQL's documentation advises after restoring a dump (docs/benchmarks.md: a query
    planned without statistics took 1.6–1.8× as long)."""
    cur.execute("ANALYZE")


def begin_snapshot(cur: Cursor) -> None:
    """Start a read-only transaction that sees one snapshot of the database for all its reads
    (DuckDB's transactions always do; PostgreSQL's only at REPEATABLE READ). It takes no write
    lock: the app keeps writing meanwhile. End it with :func:`end_snapshot`."""
    cur.execute("BEGIN TRANSACTION")
    if hasattr(cur, "copy_rows"):  # PostgreSQL (lipmetrics/store/postgres.py)
        cur.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")


def end_snapshot(cur: Cursor) -> None:
    """End the snapshot of :func:`begin_snapshot` (it wrote nothing)."""
    cur.execute("ROLLBACK")


def table_columns(cur: Cursor, table: str) -> list[str]:
    """The columns of ``table`` in the order they were made."""
    rows = cur.execute(
        "SELECT column_name FROM information_schema.columns "
        "WHERE table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position",
        [table],
    ).fetchall()
    return [str(r[0]) for r in rows]


def schema_tables(cur: Cursor) -> list[str]:
    """Every table of the database's schema, by name."""
    rows = cur.execute(
        "SELECT table_name FROM information_schema.tables "
        "WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name"
    ).fetchall()
    return [str(r[0]) for r in rows]


def id_sequences(cur: Cursor) -> dict[str, list[str]]:
    """Each sequence that fills an ``id`` column, with the tables it fills."""
    rows = cur.execute(
        "SELECT table_name, column_default FROM information_schema.columns "
        "WHERE table_schema = current_schema() AND column_name = 'id' "
        "AND column_default IS NOT NULL ORDER BY table_name"
    ).fetchall()
    found: dict[str, list[str]] = {}
    for table, default in rows:
        match = NEXTVAL.search(str(default))
        if match:
            found.setdefault(match.group(1), []).append(str(table))
    return found


def row_count(cur: Cursor, table: str) -> int:
    """How many rows ``table`` holds."""
    return int(cur.execute(f"SELECT count(*) FROM {_name(table)}").fetchone()[0])


def rows_after(
    cur: Cursor, table: str, columns: list[str], after: int | None, limit: int
) -> list[tuple]:
    """Up to ``limit`` rows of a table with an ``id`` column, those whose id is above ``after``
    (all of them for None), by id: one batch of a table read whole in batches."""
    selected = ", ".join(_name(c) for c in columns)
    where = "WHERE id > ? " if after is not None else ""
    params = [after] if after is not None else []
    return cur.execute(
        f"SELECT {selected} FROM {_name(table)} {where}ORDER BY id LIMIT ?", [*params, limit]
    ).fetchall()


def all_rows(cur: Cursor, table: str, columns: list[str]) -> list[tuple]:
    """Every row of a table without an ``id`` column (such tables stay small: README "Backups")."""
    selected = ", ".join(_name(c) for c in columns)
    return cur.execute(f"SELECT {selected} FROM {_name(table)}").fetchall()


def draw_past(cur: Cursor, sequence: str, highest: int) -> int:
    """Draw from ``sequence`` until the value drawn is at least ``highest``, so that the next id it
    gives is above every id copied (DuckDB has no ``setval``); return the last value drawn."""
    drawn = int(cur.execute(f"SELECT nextval('{_name(sequence)}')").fetchone()[0])
    if drawn >= highest:
        return drawn
    row = cur.execute(
        f"SELECT max(nextval('{sequence}')) FROM generate_series(1, ?)", [highest - drawn]
    ).fetchone()
    return int(row[0])
