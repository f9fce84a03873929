"""SQL of bulk writes: ids drawn from the sequences, many rows inserted in one statement."""

from __future__ import annotations

from datetime import date, datetime

import numpy as np
import pandas as pd
import pyarrow as pa

from lipmetrics.store.queries.base import Cursor

_SEQUENCES = {
    "plan_ids", "node_ids", "project_ids", "status_ids", "submission_ids", "value_ids",
    "target_ids", "note_ids", "indicator_import_ids",
}  # fmt: skip


_BULK_TABLES = {
    "pillars", "goals", "objectives", "projects", "working_group_members", "project_years",
    "status_records", "metric_values", "indicator_values",
}  # fmt: skip
# copy-db writes every other table of the schema through the same path (README "Backups").
_BULK_TABLES |= {
    "plans", "partners", "users", "sign_in_failures", "audit_log", "settings", "metrics",
    "metric_partners", "breakdown_categories", "submissions", "submission_events",
    "metric_targets", "metric_notes", "indicator_imports", "status_vocabulary",
    "status_retractions", "plan_retirements", "plan_places", "plan_edit_audit",
}  # fmt: skip


def next_ids(cur: Cursor, sequence: str, count: int) -> list[int]:
    """Draw ``count`` ids from one of the id sequences, in one statement."""
    if sequence not in _SEQUENCES:
        raise ValueError(f"unknown sequence {sequence}")
    if count == 0:
        return []
    rows = cur.execute(
        f"SELECT nextval('{sequence}') FROM generate_series(1, ?)", [count]
    ).fetchall()
    return [int(r[0]) for r in rows]


def insert_rows(
    cur: Cursor, table: str, rows: list[dict] | pd.DataFrame, id_sequence: str | None = None
) -> None:
    """Insert many rows (a DataFrame, or dicts keyed by column name) in one statement.

    With ``id_sequence`` the ``id`` column is filled from that sequence inside the statement.
    """
    if table not in _BULK_TABLES:
        raise ValueError(f"unknown table {table}")
    if id_sequence is not None and id_sequence not in _SEQUENCES:
        raise ValueError(f"unknown sequence {id_sequence}")
    if len(rows) == 0:
        return
    frame = rows if isinstance(rows, pd.DataFrame) else pd.DataFrame(rows)
    if hasattr(cur, "copy_columns"):  # PostgreSQL (lipmetrics/store/postgres.py)
        _copy_rows(cur, table, frame, id_sequence)
        return
    # Handed over as an Arrow table: DuckDB reads it without converting any column.
    incoming = pa.Table.from_pandas(frame, preserve_index=False)
    columns = ", ".join(frame.columns)  # our own column names, never user input
    selected = f"nextval('{id_sequence}'), {columns}" if id_sequence else columns
    target = f"id, {columns}" if id_sequence else columns
    cur.register("incoming_rows", incoming)
    try:
        cur.execute(f"INSERT INTO {table} ({target}) SELECT {selected} FROM incoming_rows")
    finally:
        cur.unregister("incoming_rows")


def _plain(value):
    """A cell as psycopg writes it: a missing value (NaN, NaT, NA) is NULL, NumPy and pandas
    scalars are Python's."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    return value.item() if hasattr(value, "item") else value


# What an object column may hold as it is; anything else (a NumPy scalar, a pandas Timestamp)
# is converted cell by cell by _plain.
_PLAIN_TYPES = {str, int, float, bool, type(None), datetime, date}


def _plain_column(series: pd.Series) -> list:
    """A column's cells as :func:`_plain` makes them, converted as a whole column (a file's
    100,000 lines make 800,000 cells): ``tolist`` gives Python's numbers and text, then the
    missing values become None."""
    if series.dtype.kind == "M":
        values = list(series.dt.to_pydatetime())
    else:
        values = series.tolist()
    for index in np.flatnonzero(series.isna().to_numpy()):
        values[index] = None
    if series.dtype == object and not set(map(type, values)) <= _PLAIN_TYPES:
        values = [_plain(value) for value in values]
    return values


def _copy_column(series: pd.Series) -> pa.Array | list:
    """A column as PostgreSQL's COPY takes it: pandas' text and NumPy numbers, booleans and
    timestamps without a zone as an Arrow array (missing values are NULL; no Python value per
    cell), any other column as :func:`_plain_column` makes it."""
    kind = series.dtype
    if isinstance(kind, pd.StringDtype) or (isinstance(kind, np.dtype) and kind.kind in "iufbM"):
        array = pa.Array.from_pandas(series)
        return array.combine_chunks() if isinstance(array, pa.ChunkedArray) else array
    return _plain_column(series)


def _copy_rows(cur, table: str, frame: pd.DataFrame, id_sequence: str | None) -> None:
    """Insert a frame's rows with PostgreSQL's COPY, ids drawn from ``id_sequence`` as one block
    (:func:`id_block`)."""
    names = list(frame.columns)
    columns = [_copy_column(frame.iloc[:, at]) for at in range(len(names))]
    if id_sequence:
        names = ["id", *names]
        columns = [id_block(cur, id_sequence, len(frame)), *columns]
    cur.copy_columns(table, names, columns)


def id_block(cur: Cursor, sequence: str, count: int) -> pa.Array:
    """``count`` new ids of ``sequence`` (PostgreSQL), one after the other, drawn in one
    statement that moves the sequence past them all: the server does not call ``nextval`` for
    each of 100,000 rows, nor send the ids back (docs/benchmarks.md). Only inside a write
    transaction: it holds the write lock of every process (lipmetrics/store/postgres.py), so no
    other ``nextval`` comes between the two calls of the statement."""
    if sequence not in _SEQUENCES:
        raise ValueError(f"unknown sequence {sequence}")
    if getattr(cur, "writing", True) is False:  # a PostgreSQL read: another nextval could come
        raise RuntimeError("id_block draws ids only inside a write transaction")  # between
    moved = f"SELECT setval('{sequence}', nextval('{sequence}') + ? - 1)"
    last = int(cur.execute(moved, [count]).fetchone()[0])
    return pa.array(np.arange(last - count + 1, last + 1, dtype=np.int64))
