"""Binary COPY data built from whole columns (lipmetrics/store/pgcopy.py): the bytes of a small
case worked out by hand, and on a server the same rows as psycopg's row-by-row ``write_row``
for every column type of the schema, NULLs and edge values included."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pandas as pd
import pyarrow as pa
import pytest

from lipmetrics.store import pgcopy, postgres, queries
from lipmetrics.store.pgcopy import HEADER, TRAILER, copy_data, copy_pieces

from .databases import POSTGRES

needs_server = pytest.mark.skipif(not POSTGRES, reason="needs LIPMETRICS_TEST_DB=postgresql")


def test_the_bytes_of_two_rows() -> None:
    """Two rows of an INTEGER and a VARCHAR column: each row is its field count (2), then each
    field's length (-1 for NULL) and bytes, big-endian (PostgreSQL's "Binary Format")."""
    pieces = copy_data([pa.array([1, None]), pa.array([None, "é"])], [23, 1043])
    row1 = b"\x00\x02" + b"\x00\x00\x00\x04\x00\x00\x00\x01" + b"\xff\xff\xff\xff"
    row2 = b"\x00\x02" + b"\xff\xff\xff\xff" + b"\x00\x00\x00\x02\xc3\xa9"
    assert b"".join(bytes(p) for p in pieces) == HEADER + row1 + row2 + TRAILER


@pytest.mark.parametrize(
    ("oid", "column", "built"),
    [
        (23, [1, 2.0, None], True),  # a whole float into an integer column, as an integer
        (701, [1, 2.5, None], True),
        (1043, ["a", None, ""], True),
        (1114, [date(2024, 1, 2), None], True),  # a date into a timestamp column: midnight
        (700, [1.5], False),  # REAL: not built here, written row by row
        (23, pa.array([1.5, 2.0]), False),  # an Arrow float column into integers: row by row
    ],
)
def test_which_columns_are_built(oid: int, column, built: bool) -> None:
    assert (copy_pieces([column], [oid]) is not None) is built


def test_a_number_too_large_for_its_column_is_refused_not_wrapped() -> None:
    """2**31 into an INTEGER column: the row-by-row path would store -2**31; it is refused."""
    from lipmetrics.errors import UnusableInputError

    with pytest.raises(UnusableInputError, match="2147483648"):
        copy_pieces([[1, 2**31]], [23])


TYPES = (
    "a INTEGER, b BIGINT, c DOUBLE PRECISION, d VARCHAR, e BOOLEAN, f DATE, g TIMESTAMP, h SMALLINT"
)
ZONE = timezone(timedelta(hours=-5))
COLUMNS = [
    [1, None, -(2**31), 7.0],
    [None, 2**40, -1, True],
    [1.5, None, 1e300, -0.0],
    ["é\t\\N", None, "", "x\ny"],
    [True, None, False, True],
    [date(1999, 12, 31), None, date(2000, 1, 1), datetime(2024, 2, 29, 13, 5)],
    [datetime(1970, 1, 1), datetime(1999, 12, 31, 23, 59, 59, 999999), None,
     datetime(2026, 11, 26, 8, 0, tzinfo=ZONE)],
    [1, None, -32768, 32767],
]  # fmt: skip
# What PostgreSQL holds: a float in an integer column as an integer, True as 1, a datetime's date
# in a date column, a datetime with a zone at its clock time.
EXPECTED = [
    (1, None, 1.5, "é\t\\N", True, date(1999, 12, 31), datetime(1970, 1, 1), 1),
    (None, 2**40, None, None, None, None, datetime(1999, 12, 31, 23, 59, 59, 999999), None),
    (-(2**31), -1, 1e300, "", False, date(2000, 1, 1), None, -32768),
    (7, 1, -0.0, "x\ny", True, date(2024, 2, 29), datetime(2026, 11, 26, 8, 0), 32767),
]


@pytest.fixture
def cur(db):
    with db.transaction() as cur:
        cur.execute(f"CREATE TABLE copied ({TYPES})")
        yield cur


def _copied(cur) -> list[tuple]:
    rows = cur.execute("SELECT * FROM copied").fetchall()
    cur.execute("DELETE FROM copied")
    return rows


@needs_server
@pytest.mark.parametrize("built", [True, False])
def test_every_type_as_written_row_by_row(cur, monkeypatch, built: bool) -> None:
    """Built by Arrow (three rows at a time here: two chunks) or written row by row, the same
    rows arrive."""
    assert copy_pieces(COLUMNS, [23, 20, 701, 1043, 16, 1082, 1114, 21]) is not None
    monkeypatch.setattr(pgcopy, "CHUNK", 3)
    if not built:
        monkeypatch.setattr(postgres, "copy_pieces", lambda columns, types: None)
    cur.copy_columns("copied", list("abcdefgh"), COLUMNS)
    assert _copied(cur) == EXPECTED


@needs_server
def test_a_frame_as_arrow_columns(db) -> None:
    """A frame's text (pandas' str), floats with NaN and integers go in as Arrow arrays; NaN and
    a missing text are NULL."""
    frame = pd.DataFrame(
        {"plan_id": [1, 1], "position": [1, 2], "code": ["A", None], "name": ["Ä", "B"]}
    ).astype({"code": "str", "name": "str"})
    with db.transaction() as cur:
        plan = queries.insert_plan(
            cur, "P", 2020, 3, "Pillar", None, "2020-01-01", "2020-01-01", None, None
        )
        queries.insert_rows(cur, "pillars", frame.assign(plan_id=plan), id_sequence="node_ids")
        rows = cur.execute("SELECT plan_id, position, code, name FROM pillars ORDER BY id")
        assert rows.fetchall() == [(plan, 1, "A", "Ä"), (plan, 2, None, "B")]
